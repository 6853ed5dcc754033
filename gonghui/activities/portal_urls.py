"""The member's phone pages under /m/activities/."""

from django.urls import path

from gonghui.activities.views import portal

app_name = "activities_portal"
urlpatterns = [
    path("", portal.home, name="home"),
    path("mine/", portal.mine, name="mine"),
    path("batches/<int:pk>/apply/", portal.apply, name="apply"),
    path("registrations/<int:pk>/<slug:action>/", portal.step, name="step"),
    path("lotteries/<int:pk>/enter/", portal.enter, name="enter"),
]
