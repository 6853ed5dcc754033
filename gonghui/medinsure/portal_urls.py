from django.urls import path

from gonghui.medinsure import portal_views

app_name = "medinsure_portal"
urlpatterns = [
    path("", portal_views.my_benefits, name="benefits"),
    path("<int:pk>/", portal_views.benefit_detail, name="benefit"),
    path("<int:pk>/pathology/", portal_views.benefit_pathology, name="pathology"),
]
