from django.urls import path

from gonghui.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("me/", views.my_record, name="me"),
]
