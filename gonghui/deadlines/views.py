"""Staff pages: the working-day calendar (kept by county administrators, read by all staff)
and the late deadlines of the user's subtree, with the escalations addressed to them."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.core import dates, exports
from gonghui.core.imports import error_text
from gonghui.core.jobs import import_job_create
from gonghui.deadlines import access, calendar, selectors, services
from gonghui.deadlines.forms import CalendarDayForm, ExtendForm
from gonghui.deadlines.models import DaySource
from gonghui.orgs.forms import ImportForm


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


@staff_required
def calendar_page(request):
    user = request.user
    year = _year(request)
    keeper = access.can_keep_calendar(user)
    form = CalendarDayForm(request.POST or None)
    if request.method == "POST":
        if not keeper:
            raise PermissionDenied
        if form.is_valid():
            try:
                calendar.calendar_day_set(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, _("The calendar has been saved."))
                return redirect(f"{request.path}?year={form.cleaned_data['day'].year}")
    rows = calendar.days_kept_by(user).filter(day__year=year).select_related("federation")
    work = calendar.calendar_for_org(user.org)
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return render(
        request,
        "deadlines/calendar.html",
        {
            "year": year,
            "years": range(timezone.localdate().year + 1, timezone.localdate().year - 3, -1),
            "rows": rows,
            "demo_rows": any(row.source == DaySource.DEMO for row in rows),
            "working_days": dates.working_days(first, last, work),
            "form": form,
            "import_form": ImportForm(),
            "keeper": keeper,
            "columns": calendar.IMPORT_COLUMNS,
            "optional": calendar.OPTIONAL_COLUMNS,
        },
    )


@staff_required
@require_POST
def calendar_remove(request, pk):
    row = get_object_or_404(calendar.days_kept_by(request.user), pk=pk)
    calendar.calendar_day_remove(actor=request.user, row=row)
    messages.success(request, _("The row has been removed."))
    return redirect(f"{_calendar_url()}?year={row.day.year}")


@staff_required
@require_POST
def calendar_confirm(request):
    year = _year(request)
    count = calendar.calendar_year_confirm(actor=request.user, year=year)
    messages.success(request, _("%(n)d rows confirmed as checked.") % {"n": count})
    return redirect(f"{_calendar_url()}?year={year}")


@staff_required
@require_POST
def calendar_import(request):
    if not access.can_keep_calendar(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("file", [])))
        return redirect(_calendar_url())
    job = import_job_create(
        actor=request.user, kind="calendar_days", upload=form.cleaned_data["file"]
    )
    return redirect("staff:import_job", pk=job.pk)


@staff_required
def calendar_template(request):
    return exports.csv_response(
        calendar.IMPORT_COLUMNS + calendar.OPTIONAL_COLUMNS,
        calendar.EXAMPLE_ROWS,
        "工作日历导入模板.csv",
    )


def _calendar_url() -> str:
    from django.urls import reverse

    return reverse("staff:deadline_calendar")


@staff_required
def late_list(request):
    user = request.user
    now = timezone.now()
    late = list(selectors.late_in_subtree(user, now)[:500])
    for deadline in late:
        owner = services.OWNERS.get(deadline.owner)
        deadline.owner_label = owner.label if owner else deadline.owner
        deadline.url = owner.url(deadline.object_id) if owner and owner.url else ""
        deadline.level = max((e.level for e in deadline.escalations.all()), default=0)
    soon = [
        deadline
        for deadline in selectors.open_in_subtree(user).filter(due_at__gt=now)[:200]
        if selectors.state_of(deadline, now) == selectors.AMBER
    ]
    return render(
        request,
        "deadlines/late.html",
        {
            "late": late,
            "soon": soon,
            "escalations": selectors.escalations_for(user)[:50],
            "can_extend": access.can_extend(user),
            "form": ExtendForm(),
            "now": now,
        },
    )


@staff_required
@require_POST
def deadline_extend(request, pk):
    deadline = get_object_or_404(selectors.deadlines_visible_to(request.user), pk=pk)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_extend(actor=request.user, deadline=deadline, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The deadline has been extended."))
    else:
        messages.error(request, _("Give the number of days or hours, and a reason."))
    return redirect("staff:deadline_late")
