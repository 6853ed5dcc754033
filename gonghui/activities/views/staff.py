"""Staff pages of programmes: the list, a new programme and its batches, a programme's
registrations (nominate, approve, draw, allocate), attendance and the phone check-in page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.activities import access, exports, forms, selectors
from gonghui.activities.models import HOLDING, Allocation, Batch, Registration, RegStatus
from gonghui.activities.services import allocation, draws, nominations, programmes
from gonghui.activities.services import registrations as services
from gonghui.activities.views.portal import draw_page, draw_staff_page
from gonghui.core import exports as core_exports
from gonghui.core.imports import error_text
from gonghui.core.jobs import import_job_create
from gonghui.core.switches import service_required
from gonghui.orgs.selectors import member_find_by_id_number

KEY = "activities"


def _refusal(request, exc) -> None:
    messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))


def _readable(request):
    if not access.can_read(request.user):
        raise PermissionDenied


@staff_required
@service_required(KEY, write=False)
def home(request):
    _readable(request)
    held = (
        Registration.objects.filter(programme=OuterRef("pk"), status__in=HOLDING)
        .values("programme")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = selectors.programmes_visible_to(request.user).annotate(
        places=Sum("batches__places"),
        held=Subquery(held, output_field=IntegerField()),
    )
    if response := core_exports.list_export(request, exports.PROGRAMMES, rows):
        return response
    return render(
        request,
        "activities/staff/home.html",
        {
            "programmes": rows,
            "lotteries": selectors.lotteries_visible_to(request.user),
            "can_organise": access.can_organise(request.user) and request.service_open,
        },
    )


@staff_required
@service_required(KEY)
def programme_create(request):
    if not access.can_organise(request.user):
        raise PermissionDenied
    form = forms.ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = programmes.programme_create(
                actor=request.user, org=request.user.org, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            return redirect("staff:activities_batch_add", programme.pk)
    return render(
        request, "activities/staff/form.html", {"form": form, "title": _("New programme")}
    )


@staff_required
@service_required(KEY)
def batch_add(request, pk):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    form = forms.BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programmes.batch_add(actor=request.user, programme=programme, **data)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("The batch is added."))
            return redirect("staff:activities_programme_detail", programme.pk)
    title = _("New batch of %(title)s") % {"title": programme.title}
    return render(request, "activities/staff/form.html", {"form": form, "title": title})


@staff_required
@service_required(KEY, write=False)
def programme_detail(request, pk):
    _readable(request)
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    rows = selectors.registrations_visible_to(request.user, programme)
    status = request.GET.get("status", "")
    if status in RegStatus.values:
        rows = rows.filter(status=status)
    if response := core_exports.list_export(request, exports.REGISTRATIONS, rows):
        return response
    user = request.user
    is_open = request.service_open
    batches = []
    for row in selectors.batch_rows(programme):
        pools = []
        for pool in selectors.pools_of(row["batch"]):
            pools.append(
                {
                    "pool": pool,
                    "draw_url": draw_page(pool.draw) if pool.draw_id else None,
                    "staff_url": draw_staff_page(pool.draw) if pool.draw_id else None,
                }
            )
        batches.append({**row, "pools": pools})
    closed = timezone.now() >= programme.closes_at
    return render(
        request,
        "activities/staff/programme_detail.html",
        {
            "programme": programme,
            "batches": batches,
            "registrations": rows[:500],
            "total": rows.count(),
            "statuses": RegStatus.choices,
            "status": status,
            "can_nominate": is_open and access.can_nominate(user) and not closed,
            "can_approve": is_open and access.can_approve(user),
            "can_organise": is_open and access.can_organise(user),
            "can_draw": is_open
            and access.can_approve(user)
            and closed
            and programme.allocation == Allocation.DRAW
            and not programme.allocated_at,
            "can_allocate": is_open and access.can_approve(user) and closed
            and not programme.allocated_at,
            "nominate_form": forms.NominateForm(),
        },
    )  # fmt: skip


@require_POST
@staff_required
@service_required(KEY)
def nominate(request, pk):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    form = forms.NominateForm(request.POST)
    if form.is_valid():
        batch = get_object_or_404(Batch, pk=form.cleaned_data["batch"], programme=programme)
        member = member_find_by_id_number(form.cleaned_data["id_number"])
        try:
            if member is None:
                raise ValidationError(_("No member has this ID number."))
            nominations.registration_nominate(actor=request.user, member=member, batch=batch)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("%(name)s is nominated.") % {"name": member.name})
    return redirect("staff:activities_programme_detail", programme.pk)


@staff_required
@service_required(KEY)
def nomination_import(request, pk):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    if not access.can_nominate(request.user):
        raise PermissionDenied
    form = forms.UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        # checked and written by the task worker, all or nothing; its page shows the progress
        # and each refused row
        job = import_job_create(
            actor=request.user,
            kind="activity_nominations",
            upload=form.cleaned_data["file"],
            options={"programme_id": programme.pk},
        )
        return redirect("staff:import_job", pk=job.pk)
    return render(request, "activities/staff/import.html", {"form": form, "programme": programme})


@require_POST
@staff_required
@service_required(KEY)
def programme_step(request, pk, action):
    programme = get_object_or_404(selectors.programmes_visible_to(request.user), pk=pk)
    try:
        if action == "freeze-draws":
            frozen = draws.programme_draws_freeze(actor=request.user, programme=programme)
            messages.success(request, _("%(n)d draws frozen and published.") % {"n": len(frozen)})
        elif action == "allocate":
            given = allocation.programme_allocate(actor=request.user, programme=programme)
            messages.success(request, _("%(n)d places offered.") % {"n": given})
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    return redirect("staff:activities_programme_detail", programme.pk)


@require_POST
@staff_required
@service_required(KEY)
def registration_step(request, pk, action):
    registration = get_object_or_404(
        Registration.objects.select_related("programme__org", "batch__scope", "member__union"),
        pk=pk,
        programme__in=selectors.programmes_visible_to(request.user),
    )
    reason = request.POST.get("reason", "")
    calls = {
        "approve": lambda: nominations.nomination_approve(
            actor=request.user, registration=registration
        ),
        "reject": lambda: nominations.nomination_reject(
            actor=request.user, registration=registration, reason=reason
        ),
        "check-in": lambda: services.registration_check_in(
            actor=request.user, registration=registration
        ),
        "cancel": lambda: services.registration_cancel(
            actor=request.user, registration=registration, reason=reason
        ),
    }
    if action not in calls:
        raise Http404
    try:
        calls[action]()
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    else:
        messages.success(request, _("Done: %(name)s.") % {"name": registration.member.name})
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/staff/activities/") else _detail(registration))


def _detail(registration):
    from django.urls import reverse

    return reverse("staff:activities_programme_detail", args=[registration.programme_id])


@staff_required
@service_required(KEY, write=False)
def attendance(request, pk):
    _readable(request)
    batch = get_object_or_404(
        Batch.objects.select_related("programme"),
        pk=pk,
        programme__in=selectors.programmes_visible_to(request.user),
    )
    rows = (
        batch.registrations.filter(
            status__in=[RegStatus.CONFIRMED, RegStatus.CHECKED_IN, RegStatus.NO_SHOW]
        )
        .select_related("member__union")
        .order_by("member__union__path", "member__name")
    )
    if response := core_exports.list_export(request, exports.ATTENDANCE, rows):
        return response
    if request.method == "POST" and request.POST.get("no_shows") and request.service_open:
        try:
            count = services.batch_record_no_shows(actor=request.user, batch=batch)
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            messages.success(request, _("%(n)d no-shows recorded.") % {"n": count})
        return redirect("staff:activities_attendance", batch.pk)
    counts = rows.aggregate(
        checked=Count("id", filter=Q(status=RegStatus.CHECKED_IN)),
        waiting=Count("id", filter=Q(status=RegStatus.CONFIRMED)),
    )
    return render(
        request,
        "activities/staff/attendance.html",
        {
            "batch": batch,
            "rows": rows,
            "counts": counts,
            "can_check": request.service_open and access.can_organise(request.user),
        },
    )


@staff_required
@service_required(KEY)
def check_in(request):
    """The phone page: scan the member's QR with the camera, or type its code."""
    if not access.can_organise(request.user):
        raise PermissionDenied
    form = forms.CodeForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            done = services.registration_check_in(
                actor=request.user, code=form.cleaned_data["code"]
            )
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        form = forms.CodeForm()
    return render(request, "activities/staff/check_in.html", {"form": form, "done": done})
