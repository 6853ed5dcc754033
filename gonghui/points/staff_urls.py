"""Staff pages, included under /staff/points/ in the "staff" namespace (points_*)."""

from django.urls import path

from gonghui.points.views import staff

urlpatterns = [
    path("", staff.home, name="points_home"),
    path("rates/", staff.rate_set, name="points_rate_set"),
    path("ledger/", staff.ledger, name="points_ledger"),
    path("ledger/<int:member_pk>/adjust/", staff.adjust_create, name="points_adjust"),
    path("adjustments/<int:pk>/<slug:action>/", staff.adjust_decide, name="points_adjust_decide"),
    path("products/", staff.products, name="points_products"),
    path("products/new/", staff.product_create, name="points_product_create"),
    path("products/<int:pk>/stock/", staff.stock, name="points_stock"),
    path("orders/", staff.orders, name="points_orders"),
    path("orders/use/", staff.order_use, name="points_order_use"),
    path("orders/<int:pk>/refund/", staff.order_refund, name="points_order_refund"),
]
