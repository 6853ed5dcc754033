"""Staff pages, included under /staff/activities/ in the "staff" namespace (activities_*)."""

from django.urls import path

from gonghui.activities.views import lotteries, staff

urlpatterns = [
    path("", staff.home, name="activities_home"),
    path("new/", staff.programme_create, name="activities_programme_create"),
    path("<int:pk>/", staff.programme_detail, name="activities_programme_detail"),
    path("<int:pk>/batches/new/", staff.batch_add, name="activities_batch_add"),
    path("<int:pk>/nominate/", staff.nominate, name="activities_nominate"),
    path("<int:pk>/import/", staff.nomination_import, name="activities_nomination_import"),
    path("<int:pk>/<slug:action>/", staff.programme_step, name="activities_programme_step"),
    path(
        "registrations/<int:pk>/<slug:action>/",
        staff.registration_step,
        name="activities_registration_step",
    ),
    path("batches/<int:pk>/attendance/", staff.attendance, name="activities_attendance"),
    path("check-in/", staff.check_in, name="activities_check_in"),
    path("lotteries/new/", lotteries.lottery_create, name="activities_lottery_create"),
    path("lotteries/<int:pk>/", lotteries.lottery_detail, name="activities_lottery_detail"),
    path(
        "lotteries/<int:pk>/<slug:action>/",
        lotteries.lottery_step,
        name="activities_lottery_step",
    ),
]
