"""The worker's phone pages under /m/hardship/."""

from django.urls import path

from gonghui.hardship.views import portal

app_name = "hardship_portal"
urlpatterns = [
    path("", portal.home, name="home"),
    path("apply/", portal.apply, name="apply"),
    path("progress/", portal.progress, name="progress"),
    path("resubmit/", portal.resubmit, name="resubmit"),
    path("aid/", portal.my_aid, name="aid"),
]
