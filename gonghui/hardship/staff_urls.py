"""Staff pages, included under /staff/hardship/ in the "staff" namespace (names hardship_*)."""

from django.urls import path

from gonghui.hardship.views import campaigns, consent, files, pairs, reports

urlpatterns = [
    path("", files.file_list, name="hardship_file_list"),
    path("new/", files.file_create, name="hardship_file_create"),
    path("files/<int:pk>/", files.file_detail, name="hardship_file_detail"),
    path("files/<int:pk>/edit/", files.file_edit, name="hardship_file_edit"),
    path("files/<int:pk>/family/", files.family_add, name="hardship_family_add"),
    path("files/<int:pk>/attachments/", files.attachment_add, name="hardship_attachment_add"),
    path("files/<int:pk>/step/<slug:action>/", files.file_step, name="hardship_file_step"),
    path("files/<int:pk>/objections/", files.objection_add, name="hardship_objection_add"),
    path("files/<int:pk>/consent/", consent.consent_record, name="hardship_consent"),
    path("files/<int:pk>/aid/", files.aid_add, name="hardship_aid_add"),
    path("files/<int:pk>/pairs/", files.pair_add, name="hardship_pair_add"),
    path("family/<int:pk>/remove/", files.family_remove, name="hardship_family_remove"),
    path("attachments/<int:pk>/", files.attachment, name="hardship_attachment"),
    path(
        "objections/<int:pk>/resolve/", files.objection_resolve, name="hardship_objection_resolve"
    ),
    path("notices/<int:pk>/pdf/", reports.notice_pdf, name="hardship_notice_pdf"),
    path("campaigns/", campaigns.campaign_list, name="hardship_campaign_list"),
    path("campaigns/new/", campaigns.campaign_edit, name="hardship_campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="hardship_campaign_detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="hardship_campaign_edit"),
    path("campaigns/<int:pk>/select/", campaigns.campaign_select, name="hardship_campaign_select"),
    path("campaigns/<int:pk>/recipients/", campaigns.recipient_add, name="hardship_recipient_add"),
    path(
        "campaigns/<int:pk>/pay-all/", campaigns.campaign_pay_all, name="hardship_campaign_pay_all"
    ),
    path(
        "campaigns/<int:pk>/export.xlsx",
        campaigns.campaign_export,
        name="hardship_campaign_export",
    ),
    path("recipients/<int:pk>/pay/", campaigns.recipient_pay, name="hardship_recipient_pay"),
    path(
        "recipients/<int:pk>/remove/", campaigns.recipient_remove, name="hardship_recipient_remove"
    ),
    path("pairs/", pairs.pair_board, name="hardship_pair_board"),
    path("pairs/<int:pk>/", pairs.pair_detail, name="hardship_pair_detail"),
    path("pairs/<int:pk>/end/", pairs.pair_end, name="hardship_pair_end"),
    path("figures/", reports.figures, name="hardship_figures"),
    path("parameters/", reports.parameter_list, name="hardship_parameters"),
    path("import/", reports.file_import, name="hardship_import"),
    path("import/template.csv", reports.file_import_template, name="hardship_import_template"),
]
