from django.urls import path

from gonghui.guide import views

urlpatterns = [
    path("", views.index, name="help"),
    path("<slug:slug>/", views.area, name="help_area"),
]
