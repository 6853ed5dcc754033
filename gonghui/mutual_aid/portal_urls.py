from django.urls import path

from gonghui.mutual_aid import portal_views

app_name = "mutual_aid_portal"
urlpatterns = [
    path("", portal_views.my_enrollments, name="enrollments"),
    path("quote/", portal_views.quote, name="quote"),
]
