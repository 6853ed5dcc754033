"""Staff pages, included in the "staff" namespace at /staff/claims/."""

from django.urls import path

from gonghui.claims import views

staff_urlpatterns = [
    path("", views.queue, name="claims_queue"),
    path("new/", views.file_start, name="claims_file_start"),
    path("new/<int:member_pk>/<str:event_type>/", views.file_create, name="claims_file_create"),
    path("<int:pk>/", views.detail, name="claims_detail"),
    path("<int:pk>/form/", views.application_form, name="claims_form"),
    path("<int:pk>/files/<int:material_pk>/", views.material_file, name="claims_file"),
    path("<int:pk>/approve/", views.approve, name="claims_approve"),
    path("<int:pk>/reject/", views.reject, name="claims_reject"),
    path("<int:pk>/return/", views.return_, name="claims_return"),
    path("<int:pk>/correct/", views.correct, name="claims_correct"),
    path("<int:pk>/edit/", views.file_edit, name="claims_edit"),
    path("<int:pk>/materials/", views.file_materials, name="claims_materials"),
    path("<int:pk>/sign/", views.file_sign, name="claims_sign"),
    path("<int:pk>/submit/", views.file_submit, name="claims_submit"),
    path("payouts/", views.payouts, name="claims_payouts"),
    path("payouts/<int:pk>/", views.batch, name="claims_batch"),
    path("payouts/<int:pk>/transfer.xlsx", views.batch_export, name="claims_batch_export"),
    path("payouts/<int:pk>/paid/", views.batch_paid, name="claims_batch_paid"),
    path(
        "payouts/<int:pk>/lines/<int:line_pk>/failed/",
        views.line_failed,
        name="claims_line_failed",
    ),
    path("figures/", views.figures, name="claims_figures"),
    path("sms-templates/", views.sms_templates, name="claims_sms_templates"),
]
