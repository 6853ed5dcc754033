"""The member's phone pages under /m/activities/: what I may join (with places left), apply
and cancel, my registrations with their steps, my vouchers with their QR."""

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import member_required
from gonghui.activities import selectors
from gonghui.activities.models import Batch, Lottery, Registration, RegStatus, VoucherStatus
from gonghui.activities.services import lotteries
from gonghui.activities.services import registrations as services
from gonghui.activities.services.programmes import ineligibility
from gonghui.activities.workflow import ACTION_LABELS
from gonghui.core.imports import error_text
from gonghui.core.switches import service_required

KEY = "activities"


def _me(request):
    member = selectors.my_member(request.user)
    if member is None:
        raise Http404
    return member


def qr_svg(code: str) -> str:
    return segno.make_qr(code, error="m").svg_inline(scale=6, border=2)


def draw_page(draw) -> str | None:
    """The public verification page of a draw (None before its list is frozen)."""
    if draw is None or draw.frozen_at is None:
        return None
    try:
        return reverse("draw_public", args=[draw.public_code])
    except NoReverseMatch:  # the draw app's public page is not installed
        return None


def draw_staff_page(draw) -> str | None:
    if draw is None:
        return None
    try:
        return reverse("staff:draw_detail", args=[draw.pk])
    except NoReverseMatch:  # the draw app's staff pages are not installed
        return None


@member_required
@service_required(KEY)
def home(request):
    member = _me(request)
    batches = []
    for batch in selectors.open_batches_for(member):
        batches.append(
            {
                "batch": batch,
                "left": batch.places - (batch.taken or 0),
                "reasons": ineligibility(batch, member),
            }
        )
    held = set(Registration.objects.filter(member=member).values_list("programme_id", flat=True))
    entered = set(member.lottery_entries.values_list("lottery_id", flat=True))
    return render(
        request,
        "activities/portal/home.html",
        {
            "batches": batches,
            "held": held,
            "lotteries": selectors.open_lotteries_for(member),
            "entered": entered,
        },
    )


def _done(request, call, success):
    try:
        call()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        return False
    messages.success(request, success)
    return True


@require_POST
@member_required
@service_required(KEY)
def apply(request, pk):
    member = _me(request)
    batch = get_object_or_404(Batch.objects.select_related("programme", "scope"), pk=pk)
    _done(
        request,
        lambda: services.registration_apply(actor=request.user, member=member, batch=batch),
        _("Your application is recorded."),
    )
    return redirect("activities_portal:mine")


def _my_registration(request, pk) -> Registration:
    return get_object_or_404(selectors.my_registrations(_me(request)), pk=pk)


@require_POST
@member_required
@service_required(KEY)
def step(request, pk, action):
    registration = _my_registration(request, pk)
    calls = {
        "confirm": (services.registration_confirm, _("Your place is confirmed.")),
        "decline": (services.registration_decline, _("You declined the place.")),
        "cancel": (services.registration_cancel, _("Your registration is cancelled.")),
    }
    if action not in calls:
        raise Http404
    call, success = calls[action]
    _done(request, lambda: call(actor=request.user, registration=registration), success)
    return redirect("activities_portal:mine")


@require_POST
@member_required
@service_required(KEY)
def enter(request, pk):
    member = _me(request)
    lottery = get_object_or_404(Lottery, pk=pk)
    _done(
        request,
        lambda: lotteries.lottery_enter(actor=request.user, member=member, lottery=lottery),
        _("You have entered the lottery."),
    )
    return redirect("activities_portal:mine")


@member_required
@service_required(KEY, write=False)
def mine(request):
    """What the member holds stays readable when the service is switched off."""
    member = _me(request)
    registrations = []
    for registration in selectors.my_registrations(member):
        events = [
            {"label": ACTION_LABELS.get(event.action, event.action), "at": event.at}
            for event in registration.events.all()
        ]
        shows_qr = registration.status in (RegStatus.CONFIRMED, RegStatus.CHECKED_IN)
        pool_draw = registration.pool.draw if registration.pool.draw_id else None
        registrations.append(
            {
                "registration": registration,
                "events": events,
                "qr": qr_svg(registration.code) if shows_qr else "",
                "draw_url": draw_page(pool_draw),
            }
        )
    entries = []
    for entry in selectors.my_entries(member):
        vouchers = [
            {"voucher": v, "qr": qr_svg(v.code) if v.status == VoucherStatus.ISSUED else ""}
            for v in entry.vouchers.all()
        ]
        entries.append(
            {"entry": entry, "vouchers": vouchers, "draw_url": draw_page(entry.lottery.draw)}
        )
    return render(
        request,
        "activities/portal/mine.html",
        {
            "registrations": registrations,
            "entries": entries,
            "service_open": request.service_open,
        },
    )
