"""Staff pages, included under /staff/contracts/ in the "staff" namespace (contracts_*)."""

from django.urls import path

from gonghui.contracts.views import campaign, staff

urlpatterns = [
    path("", staff.contract_list, name="contracts_list"),
    path("new/", staff.contract_create, name="contracts_create"),
    path("coverage/", staff.coverage, name="contracts_coverage"),
    path("import/", staff.contract_import, name="contracts_import"),
    path("<int:pk>/", staff.contract_detail, name="contracts_detail"),
    path("<int:pk>/contract.pdf", staff.contract_pdf, name="contracts_pdf"),
    path("<int:pk>/<slug:step>/", staff.contract_step, name="contracts_step"),
    path("campaigns/", campaign.campaign_list, name="contracts_campaigns"),
    path("campaigns/<int:pk>/", campaign.campaign_detail, name="contracts_campaign"),
    path("targets/<int:pk>/", campaign.target_detail, name="contracts_campaign_target"),
    path("targets/<int:pk>/request.pdf", campaign.target_letter, name="contracts_campaign_letter"),
    path("targets/<int:pk>/<slug:step>/", campaign.target_step, name="contracts_campaign_step"),
]
