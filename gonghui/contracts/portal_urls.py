"""The member's phone pages under /m/contracts/."""

from django.urls import path

from gonghui.contracts.views import portal

app_name = "contracts_portal"
urlpatterns = [path("", portal.mine, name="mine")]
