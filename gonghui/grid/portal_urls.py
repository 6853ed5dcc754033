"""The member's phone pages under /m/grid/."""

from django.urls import path

from gonghui.grid.views import portal

app_name = "grid_portal"
urlpatterns = [
    path("", portal.home, name="home"),
    path("report/", portal.report, name="report"),
    path("cases/<int:pk>/", portal.case_detail, name="case"),
    path("ask/", portal.ask, name="ask"),
    path("track/", portal.track, name="track"),
]
