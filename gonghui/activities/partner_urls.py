"""The partner merchant's phone page under /partner/."""

from django.urls import path

from gonghui.activities.views import lotteries

app_name = "activities_partner"
urlpatterns = [path("", lotteries.redeem, name="redeem")]
