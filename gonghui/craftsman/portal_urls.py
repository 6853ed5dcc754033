"""The worker's phone pages under /m/craftsman/."""

from django.urls import path

from gonghui.craftsman.views import portal

app_name = "craftsman_portal"
urlpatterns = [
    path("", portal.home, name="home"),
    path("apply/<int:pk>/", portal.apply, name="apply"),
    path("applications/<int:pk>/", portal.application, name="application"),
    path("applications/<int:pk>/appeal/", portal.appeal, name="appeal"),
    path("certificates/<int:pk>/", portal.certificate, name="certificate"),
]
