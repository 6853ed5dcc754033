"""Where a sign-in step sends the user next: the `next` parameter only when it stays on this
site (Django's own check), else a fixed page. Every login step uses this."""

from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(fallback)


def redirect_next(request, fallback: str):
    return redirect(safe_next(request, fallback))
