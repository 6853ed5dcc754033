"""Staff pages, included under /staff/ratings/ in the "staff" namespace (names ratings_*)."""

from django.urls import path

from gonghui.ratings.views import staff, union

urlpatterns = [
    path("", staff.programme_list, name="ratings_programme_list"),
    path("programmes/<int:pk>/", staff.programme_detail, name="ratings_programme_detail"),
    path("programmes/<int:pk>/apply/", staff.apply, name="ratings_programme_apply"),
    path("applications/<int:pk>/", staff.application_detail, name="ratings_application_detail"),
    path(
        "applications/<int:pk>/<slug:step>/",
        staff.application_step,
        name="ratings_application_step",
    ),
    path("evidence/<int:pk>/", staff.evidence_file, name="ratings_evidence_file"),
    path("titles/", staff.title_list, name="ratings_title_list"),
    path("titles/<int:pk>/<slug:step>/", staff.title_step, name="ratings_title_step"),
    path("our-union/", union.my_union, name="ratings_my_union"),
    path("standards/", union.standards, name="ratings_standards"),
    path("figures/", union.figures, name="ratings_figures"),
    path("appraisals/", union.appraisal_list, name="ratings_appraisal_list"),
    path("appraisals/<int:pk>/rank/", union.appraisal_rank, name="ratings_appraisal_rank"),
]
