"""Staff pages, included under /staff/craftsman/ in the "staff" namespace (names craftsman_*)."""

from django.urls import path

from gonghui.craftsman.views import archive, staff

urlpatterns = [
    path("", staff.scheme_list, name="craftsman_scheme_list"),
    path("schemes/<int:pk>/", staff.scheme_detail, name="craftsman_scheme_detail"),
    path("schemes/<int:pk>/rules/", staff.rules_edit, name="craftsman_rules_edit"),
    path("schemes/<int:pk>/apply/", staff.apply_for, name="craftsman_apply_for"),
    path("schemes/<int:pk>/<slug:step>/", staff.scheme_step, name="craftsman_scheme_step"),
    path("applications/<int:pk>/", staff.application_detail, name="craftsman_application_detail"),
    path(
        "applications/<int:pk>/<slug:step>/",
        staff.application_step,
        name="craftsman_application_step",
    ),
    path("evidence/<int:pk>/", staff.evidence_file, name="craftsman_evidence_file"),
    path("honours/", staff.honour_list, name="craftsman_honour_list"),
    path("honours/import/", archive.honour_import, name="craftsman_honour_import"),
    path("contests/", archive.contest_list, name="craftsman_contest_list"),
    path("honours/<int:pk>/certificate.pdf", staff.certificate, name="craftsman_certificate"),
    path("honours/<int:pk>/revoke/", staff.honour_revoke, name="craftsman_honour_revoke"),
]
