"""Member pages at /m/appeals/ (namespace appeals_portal)."""

from django.urls import path

from gonghui.appeals import views

app_name = "appeals_portal"
urlpatterns = [
    path("", views.my_appeals, name="list"),
    path("new/<str:kind>/<int:object_id>/", views.appeal_new, name="new"),
    path("<int:pk>/", views.my_appeal, name="detail"),
]
