"""Staff pages, included in the "staff" namespace at /staff/mutual-aid/."""

from django.urls import path

from gonghui.mutual_aid import views

staff_urlpatterns = [
    path("", views.home, name="mutual_aid_home"),
    path("periods/new/", views.period_create, name="mutual_aid_period_create"),
    path("periods/<int:pk>/", views.period_detail, name="mutual_aid_period"),
    path("periods/<int:pk>/edit/", views.period_edit, name="mutual_aid_period_edit"),
    path(
        "periods/<int:pk>/transition/",
        views.period_transition,
        name="mutual_aid_period_transition",
    ),
    path("periods/<int:pk>/contributions/", views.contributions, name="mutual_aid_contributions"),
    path("periods/<int:pk>/parameters/", views.parameters, name="mutual_aid_parameters"),
    path("periods/<int:pk>/diseases/", views.diseases, name="mutual_aid_diseases"),
    path(
        "periods/<int:pk>/diseases/<int:disease_pk>/",
        views.disease_edit,
        name="mutual_aid_disease_edit",
    ),
    path("periods/<int:pk>/targets/", views.targets, name="mutual_aid_targets"),
    path("periods/<int:pk>/enrollments/", views.enrollments, name="mutual_aid_enrollments"),
    path("periods/<int:pk>/enroll/", views.enroll, name="mutual_aid_enroll"),
    path("periods/<int:pk>/import/", views.enrollment_import, name="mutual_aid_import"),
    path(
        "periods/<int:pk>/import/template.csv",
        views.enrollment_import_template,
        name="mutual_aid_import_template",
    ),
    path("periods/<int:pk>/payments/", views.payments, name="mutual_aid_payments"),
    path("periods/<int:pk>/figures/", views.figures, name="mutual_aid_figures_period"),
    path("figures/", views.figures, name="mutual_aid_figures"),
    path("quote/", views.quote, name="mutual_aid_quote"),
]
