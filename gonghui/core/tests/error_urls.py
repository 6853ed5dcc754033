"""The project's addresses plus a few that fail on purpose, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from gonghui.urls import handler403, handler404, handler500
from gonghui.urls import urlpatterns as project_urls

__all__ = ["handler403", "handler404", "handler500", "urlpatterns"]


def boom(request):
    raise RuntimeError("a bug")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [
    path("staff/boom/", boom),
    path("m/boom/", boom),
    path("api/boom/", boom),
    path("api/forbidden/", forbidden),
    *project_urls,
]
