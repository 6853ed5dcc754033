"""The member's phone pages under /m/patrol/: slots near me to grab, my patrols, and the
patrol itself (start, checkpoints in order, finish)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import member_required
from gonghui.core.imports import error_text
from gonghui.core.switches import service_required
from gonghui.patrol import rewards, selectors
from gonghui.patrol.models import Checkpoint, Slot, Status
from gonghui.patrol.services import grabs, walking
from gonghui.patrol.views.common import report_from
from gonghui.patrol.workflow import ACTION_LABELS

KEY = "patrol"


def _me(request):
    member = selectors.my_member(request.user)
    if member is None:
        raise Http404
    return member


def _coordinate(request, name):
    try:
        value = float(request.GET.get(name, ""))
    except ValueError:
        return None
    return value if -180 <= value <= 180 else None


def _refused(request, exc) -> None:
    messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))


@member_required
@service_required(KEY)
def home(request):
    member = _me(request)
    lat, lng = _coordinate(request, "lat"), _coordinate(request, "lng")
    if lat is None or lng is None:
        lat = lng = None
    return render(
        request,
        "patrol/portal/home.html",
        {
            "rows": selectors.open_slots_for(member, lat=lat, lng=lng),
            "located": lat is not None,
            "balance": rewards.balance(member),
        },
    )


@require_POST
@member_required
@service_required(KEY)
def grab(request, pk):
    member = _me(request)
    slot = get_object_or_404(Slot.objects.select_related("route__org"), pk=pk)
    try:
        patrol = grabs.patrol_grab(actor=request.user, member=member, slot=slot)
    except (ValidationError, PermissionDenied) as exc:
        _refused(request, exc)
        return redirect("patrol_portal:home")
    messages.success(request, _("The slot is yours. Start at the first checkpoint."))
    return redirect("patrol_portal:detail", patrol.pk)


@member_required
@service_required(KEY, write=False)
def mine(request):
    member = _me(request)
    return render(
        request,
        "patrol/portal/mine.html",
        {
            "patrols": selectors.my_patrols(member)[:100],
            "balance": rewards.balance(member),
            "service_open": request.service_open,
        },
    )


@member_required
@service_required(KEY, write=False)
def detail(request, pk):
    member = _me(request)
    patrol = get_object_or_404(selectors.my_patrols(member), pk=pk)
    passed = {p.checkpoint_id: p for p in patrol.passes.all()}
    checkpoints = [
        {"checkpoint": c, "passed": passed.get(c.pk)} for c in patrol.route.checkpoints.all()
    ]
    upcoming = next((row["checkpoint"] for row in checkpoints if not row["passed"]), None)
    appeal_url = ""
    if patrol.status == Status.REJECTED:
        from gonghui.patrol.appeals import KIND, REJECTIONS

        refusal = next(iter(REJECTIONS.refusals_of_patrol(patrol)), None)
        if refusal:
            appeal_url = reverse("appeals_portal:new", args=[KIND, refusal.object_id])
    events = [
        {"label": ACTION_LABELS.get(e.action, e.action), "at": e.at, "note": e.note}
        for e in patrol.events.all()
    ]
    return render(
        request,
        "patrol/portal/detail.html",
        {
            "patrol": patrol,
            "checkpoints": checkpoints,
            "upcoming": upcoming,
            "is_first": upcoming is not None and upcoming.position == 1,
            "is_last": upcoming is not None and upcoming.pk == checkpoints[-1]["checkpoint"].pk,
            "needs_consent": not walking.has_consent(member),
            "consent_text": walking.consent_text(),
            "events": events,
            "appeal_url": appeal_url,
            "service_open": request.service_open,
        },
    )


@require_POST
@member_required
@service_required(KEY)
def step(request, pk, action):
    member = _me(request)
    patrol = get_object_or_404(selectors.my_patrols(member), pk=pk)
    try:
        if action == "cancel":
            grabs.patrol_cancel(actor=request.user, patrol=patrol)
            messages.success(request, _("Your place is cancelled."))
            return redirect("patrol_portal:mine")
        report = report_from(request.POST, request.FILES)
        if action == "start":
            walking.patrol_start(
                actor=request.user, patrol=patrol, report=report,
                agreed=request.POST.get("agree") == "1",
            )  # fmt: skip
            messages.success(request, _("Patrol started. Go to the next checkpoint."))
        elif action == "checkpoint":
            checkpoint = get_object_or_404(
                Checkpoint, pk=request.POST.get("checkpoint") or 0, route=patrol.route
            )
            walking.patrol_checkpoint(
                actor=request.user, patrol=patrol, checkpoint=checkpoint, report=report
            )
            messages.success(
                request, _("Checkpoint “%(name)s” passed.") % {"name": checkpoint.name}
            )
        elif action == "finish":
            walking.patrol_finish(actor=request.user, patrol=patrol, report=report)
            messages.success(request, _("Patrol finished: %(status)s.")
                             % {"status": patrol.get_status_display()})  # fmt: skip
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as exc:
        _refused(request, exc)
    return redirect("patrol_portal:detail", patrol.pk)
