from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.accounts import roles
from gonghui.accounts.decorators import staff_required
from gonghui.accounts.models import Role
from gonghui.core import registry, services, switches
from gonghui.core.exports import Column, ListExport, choice_label, list_export, name_of
from gonghui.core.forms import ServiceSwitchForm
from gonghui.core.imports import error_text
from gonghui.core.jobs import job_percent, job_progress, summary_rows
from gonghui.core.models import AccessLog, ImportJob
from gonghui.orgs import selectors as org_selectors


def landing(request):
    if roles.is_member(request.user):
        return redirect("portal:home")
    if roles.is_staff(request.user):
        return redirect("staff:home")
    if roles.is_partner(request.user):  # a partner merchant's staff: the voucher scanner
        return redirect("activities_partner:redeem")
    if roles.is_grid_helper(request.user):  # grid members and lawyers: their grid pages
        return redirect("staff:grid_cases")
    return render(request, "landing.html")


def staff_home(request):
    if roles.is_grid_helper(request.user):  # grid members and lawyers: their grid pages
        return redirect("staff:grid_cases")
    return _staff_home(request)


@staff_required
def _staff_home(request):
    panels = [
        service.staff_home
        for service in registry.all_services()
        if service.staff_home and switches.service_open_to(request.user, service.key)
    ]
    context = {"figures": org_selectors.coverage_figures(request.user), "panels": panels}
    return render(request, "staff/home.html", context)


ROLE, ACTION = choice_label(Role), choice_label(AccessLog.Action)
ACCESS_LOG = ListExport(
    title=_("Access log"),
    columns=(
        Column(pgettext_lazy("column", "Time"), 18, value=lambda entry: entry.at),
        Column(pgettext_lazy("column", "User"), 14, value=lambda entry: str(entry.user)),
        Column(pgettext_lazy("column", "Role"), 14, value=lambda entry: ROLE(entry.user.role)),
        Column(pgettext_lazy("column", "Action"), 20, value=lambda e: ACTION(e.action)),
        Column(pgettext_lazy("column", "Whose"), 24, value=lambda entry: entry.subject_label),
        Column(pgettext_lazy("column", "Organisation"), 24, value=lambda e: name_of(e.org)),
        Column(pgettext_lazy("column", "IP address"), 16, value=lambda e: e.ip_address or ""),
        Column(pgettext_lazy("column", "Page"), 40, value=lambda entry: entry.path),
    ),
)


@staff_required
def access_log(request):
    if not roles.can_read_audit_log(request.user):
        raise PermissionDenied
    entries = AccessLog.objects.filter(org__path__startswith=request.user.org.path).select_related(
        "user", "org"
    )
    if response := list_export(request, ACCESS_LOG, entries):
        return response
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "staff/access_log.html", {"page": page})


def _job_for(request, pk) -> ImportJob:
    jobs = ImportJob.objects.filter(org__path__startswith=request.user.org.path)
    return get_object_or_404(jobs.select_related("created_by"), pk=pk)


@staff_required
def import_job(request, pk):
    job = _job_for(request, pk)
    template = (
        "staff/_import_job_status.html"
        if request.headers.get("HX-Request")
        else "staff/import_job.html"
    )
    done = job_progress(job)
    percent = job_percent(job)
    context = {"job": job, "rows_done": done, "percent": percent, "summary": summary_rows(job)}
    return render(request, template, context)


@staff_required
def import_job_errors(request, pk):
    job = _job_for(request, pk)
    if not job.error_report:
        raise PermissionDenied
    return FileResponse(
        job.error_report.open("rb"), as_attachment=True, filename=f"导入错误报告-{job.pk}.csv"
    )


@staff_required
def service_switches(request):
    """The optional services the federation runs, switched on and off by its administrator."""
    if not switches.can_switch_services(request.user):
        raise PermissionDenied
    federation = request.user.org
    if request.method == "POST":
        _switch(request, federation)
        return redirect("staff:service_switches")
    context = {
        "rows": switches.switch_rows(federation),
        "events": switches.switch_events(federation),
        "federation": federation,
    }
    return render(request, "staff/service_switches.html", context)


def _switch(request, federation) -> None:
    form = ServiceSwitchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The switch was not changed: please try again."))
        return
    key, enabled = form.cleaned_data["key"], form.cleaned_data["enabled"]
    try:
        changed = services.service_switch_set(
            actor=request.user,
            federation=federation,
            key=key,
            enabled=enabled,
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return
    name = registry.get(key).name
    if not changed:
        messages.info(request, _("%(service)s was already in that state.") % {"service": name})
    elif enabled:
        messages.success(
            request,
            _(
                "%(service)s is now on: its tiles and menu entries appear for your members and staff."
            )
            % {"service": name},
        )
    else:
        messages.success(
            request,
            _(
                "%(service)s is now off: new applications and other new actions stop; what "
                "members already hold stays readable."
            )
            % {"service": name},
        )
