"""The member's phone pages under /m/patrol/."""

from django.urls import path

from gonghui.patrol.views import portal

app_name = "patrol_portal"
urlpatterns = [
    path("", portal.home, name="home"),
    path("mine/", portal.mine, name="mine"),
    path("slots/<int:pk>/grab/", portal.grab, name="grab"),
    path("<int:pk>/", portal.detail, name="detail"),
    path("<int:pk>/<slug:action>/", portal.step, name="step"),
]
