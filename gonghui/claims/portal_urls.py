"""Member pages at /m/claims/ (namespace claims_portal)."""

from django.urls import path

from gonghui.claims import portal_views

app_name = "claims_portal"
urlpatterns = [
    path("", portal_views.my_claims, name="list"),
    path("notices/", portal_views.notices, name="notices"),
    path("new/", portal_views.start, name="start"),
    path("new/from-quote/", portal_views.from_quote, name="from_quote"),
    path("new/<str:event_type>/", portal_views.create, name="create"),
    path("<int:pk>/", portal_views.detail, name="detail"),
    path("<int:pk>/edit/", portal_views.edit, name="edit"),
    path("<int:pk>/materials/", portal_views.materials, name="materials"),
    path("<int:pk>/sign/", portal_views.sign, name="sign"),
    path("<int:pk>/submit/", portal_views.submit, name="submit"),
    path("<int:pk>/delete/", portal_views.delete, name="delete"),
    path("<int:pk>/form/", portal_views.application_form, name="form"),
    path("<int:pk>/files/<int:material_pk>/", portal_views.material_file, name="file"),
]
