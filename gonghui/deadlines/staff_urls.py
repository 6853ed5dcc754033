"""Staff pages under /staff/deadlines/ in the "staff" namespace (names deadline_*)."""

from django.urls import path

from gonghui.deadlines import views

urlpatterns = [
    path("", views.late_list, name="deadline_late"),
    path("<int:pk>/extend/", views.deadline_extend, name="deadline_extend"),
    path("calendar/", views.calendar_page, name="deadline_calendar"),
    path("calendar/<int:pk>/remove/", views.calendar_remove, name="deadline_calendar_remove"),
    path("calendar/confirm/", views.calendar_confirm, name="deadline_calendar_confirm"),
    path("calendar/import/", views.calendar_import, name="deadline_calendar_import"),
    path("calendar/template.csv", views.calendar_template, name="deadline_calendar_template"),
]
