"""Staff pages, included in the "staff" namespace at /staff/medinsure/."""

from django.urls import path

from gonghui.medinsure import views

staff_urlpatterns = [
    path("", views.home, name="medinsure_home"),
    path("upload/", views.upload, name="medinsure_upload"),
    path("mapping/", views.mapping, name="medinsure_mapping"),
    path("settings/", views.link_settings, name="medinsure_settings"),
    path("records/", views.records, name="medinsure_records"),
    path("records/<int:pk>/", views.record_detail, name="medinsure_record"),
    path("notices/", views.notices, name="medinsure_notices"),
    path("notices/<int:pk>/", views.notice_detail, name="medinsure_notice"),
    path("recoveries/", views.recoveries, name="medinsure_recoveries"),
    path("recoveries/<int:pk>/close/", views.recovery_close, name="medinsure_recovery_close"),
    path("figures/", views.figures, name="medinsure_figures"),
    path("api-keys/", views.api_keys, name="medinsure_api_keys"),
]
