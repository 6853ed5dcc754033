"""The member's phone pages under /m/points/."""

from django.urls import path

from gonghui.points.views import portal

app_name = "points_portal"
urlpatterns = [
    path("", portal.home, name="home"),
    path("convert/", portal.convert, name="convert"),
    path("shop/", portal.shop, name="shop"),
    path("shop/<int:pk>/redeem/", portal.redeem, name="redeem"),
    path("orders/", portal.orders, name="orders"),
    path("orders/<int:pk>/refund/", portal.refund, name="refund"),
]
