"""The API routes of the points ledger and catalogue, included under /api/."""

from django.urls import include, path

from gonghui.core.api import Router
from gonghui.points import api

router = Router()
router.include_root_view = False
router.register("points/me/entries", api.MyEntryViewSet, basename="my-points-entry")
router.register("points/me/products", api.MyProductViewSet, basename="my-points-product")
router.register("points/me/orders", api.MyOrderViewSet, basename="my-points-order")
router.register("points/entries", api.EntryViewSet, basename="points-entry")
router.register("points/adjustments", api.AdjustmentViewSet, basename="points-adjustment")
router.register("points/products", api.ProductViewSet, basename="points-product")
router.register("points/orders", api.OrderViewSet, basename="points-order")
router.register("points/rates", api.RateViewSet, basename="points-rate")

urlpatterns = [
    path("points/me/balance/", api.MyBalanceView.as_view(), name="api-my-points-balance"),
    path("points/figures/", api.FiguresView.as_view(), name="api-points-figures"),
    path("", include(router.urls)),
]
