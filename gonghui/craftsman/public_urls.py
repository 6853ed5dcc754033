"""Public pages under /craftsman/ (no sign-in): the notice and the showcase."""

from django.urls import path

from gonghui.craftsman.views import archive, public

app_name = "craftsman_public"
urlpatterns = [
    path("notice/<int:pk>/", public.notice, name="notice"),
    path("showcase/<int:pk>/", archive.showcase, name="showcase"),
]
