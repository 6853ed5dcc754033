from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from gonghui.accounts import roles
from gonghui.accounts.decorators import staff_required
from gonghui.core.models import AccessLog
from gonghui.orgs import selectors as org_selectors


def landing(request):
    if roles.is_member(request.user):
        return redirect("portal:home")
    if roles.is_staff(request.user):
        return redirect("staff:home")
    return render(request, "landing.html")


@staff_required
def staff_home(request):
    return render(
        request, "staff/home.html", {"figures": org_selectors.coverage_figures(request.user)}
    )


@staff_required
def access_log(request):
    if not roles.can_read_audit_log(request.user):
        raise PermissionDenied
    entries = AccessLog.objects.filter(org__path__startswith=request.user.org.path).select_related(
        "user", "org"
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "staff/access_log.html", {"page": page})
