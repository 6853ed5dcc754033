"""Staff pages, included under /staff/draws/ in the "staff" namespace (names draw_*)."""

from django.urls import path

from gonghui.draw import views

urlpatterns = [
    path("", views.draw_list, name="draw_list"),
    path("<int:pk>/", views.draw_detail, name="draw_detail"),
    path("<int:pk>/step/<slug:action>/", views.draw_step, name="draw_step"),
]
