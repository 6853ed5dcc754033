"""The public pages, under /draw/ (no sign-in)."""

from django.urls import path

from gonghui.draw import public

urlpatterns = [
    path("<str:code>/", public.draw_public, name="draw_public"),
    path("<str:code>/list.txt", public.draw_public_list, name="draw_public_list"),
]
