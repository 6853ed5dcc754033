"""Staff pages, included in the "staff" namespace at /staff/appeals/ (names appeal_*)."""

from django.urls import path

from gonghui.appeals import views

urlpatterns = [
    path("", views.queue, name="appeal_queue"),
    path("<int:pk>/", views.detail, name="appeal_detail"),
    path("file/<str:kind>/<int:object_id>/", views.file_for_member, name="appeal_file"),
]
