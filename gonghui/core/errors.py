"""Error pages: Chinese, in the look of the part of the site the visitor is in (the member's
phone pages or the staff desk), with a way home. Under /api/ an error stays JSON."""

from django.http import JsonResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from gonghui.accounts import roles

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _home(request) -> tuple[str, str]:
    """(base template, home address) for whoever sees the error."""
    user = getattr(request, "user", None)
    if (user is not None and roles.is_member(user)) or request.path.startswith("/m/"):
        return "portal/base.html", "/m/"
    if user is not None and roles.is_staff(user):
        return "staff/base.html", "/staff/"
    return "staff/base.html", "/"


def _page(request, template: str, status: int, message: str = ""):
    base, home = _home(request)
    response = TemplateResponse(
        request, template, {"base": base, "home": home, "message": message}, status=status
    )
    return response.render()


@requires_csrf_token
def permission_denied(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("You do not have permission to do this.")}, status=403)
    return _page(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return _page(request, "404.html", 404)


@requires_csrf_token
def server_error(request):
    """Rendered without the request's context: whatever failed (the database, a context
    processor) must not fail this page too."""
    if _is_api(request):
        return JsonResponse({"detail": _("Something went wrong on our side.")}, status=500)
    from django.http import HttpResponseServerError

    home = "/m/" if request.path.startswith("/m/") else "/"
    return HttpResponseServerError(loader.get_template("500.html").render({"home": home}))


@requires_csrf_token
def csrf_failure(request, reason=""):
    """The form was open too long or cookies are off: say so, in Chinese."""
    if _is_api(request):
        return JsonResponse(
            {"detail": _("The form had expired. Open the page again and resubmit.")}, status=403
        )
    return _page(
        request,
        "403.html",
        403,
        _("The form had expired (or cookies are switched off). Open the page again and resubmit."),
    )
