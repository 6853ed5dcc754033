"""Staff pages of lotteries (create, freeze the list, give the prizes by the draw, winners)
and the partner's phone page that redeems vouchers."""

from decimal import Decimal, InvalidOperation
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.decorators import staff_required
from gonghui.activities import access, exports, forms, selectors
from gonghui.activities.models import EntryStatus
from gonghui.activities.services import draws, lotteries
from gonghui.activities.views.portal import draw_page, draw_staff_page
from gonghui.activities.views.staff import KEY, _readable, _refusal
from gonghui.core import exports as core_exports
from gonghui.core.switches import service_required


def parse_prizes(text: str) -> list:
    """Lines "name, number, value" (Chinese or ASCII commas) → [(name, count, value, None)]."""
    prizes = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.replace("，", ",").strip()
        if not line:
            continue
        parts = [part.strip() for part in line.split(",")]
        try:
            name, count = parts[0], int(parts[1])
            value = Decimal(parts[2]) if len(parts) > 2 and parts[2] else Decimal(0)
        except (IndexError, ValueError, InvalidOperation):
            raise ValidationError(
                _("Prize line %(n)d: write name, number, value each.") % {"n": number}
            ) from None
        prizes.append((name, count, value, None))
    return prizes


@staff_required
@service_required(KEY)
def lottery_create(request):
    if not access.can_organise(request.user):
        raise PermissionDenied
    form = forms.LotteryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lottery = lotteries.lottery_create(
                actor=request.user,
                org=request.user.org,
                title=data["title"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                voucher_days=data["voucher_days"],
                prizes=parse_prizes(data["prizes"]),
            )
            draws.lottery_draw_prepare(
                actor=request.user, lottery=lottery, seed_source=data["seed_source"]
            )
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        else:
            return redirect("staff:activities_lottery_detail", lottery.pk)
    return render(request, "activities/staff/form.html", {"form": form, "title": _("New lottery")})


@staff_required
@service_required(KEY, write=False)
def lottery_detail(request, pk):
    _readable(request)
    lottery = get_object_or_404(selectors.lotteries_visible_to(request.user), pk=pk)
    entries = (
        lottery.entries.select_related("member__union", "prize")
        .exclude(status=EntryStatus.ENTERED)
        .order_by("rank", "id")
    )
    if response := core_exports.list_export(request, exports.WINNERS, entries):
        return response
    draw = lottery.draw
    now = timezone.now()
    is_open = request.service_open and access.can_approve(request.user)
    return render(
        request,
        "activities/staff/lottery_detail.html",
        {
            "lottery": lottery,
            "prizes": lottery.prizes.select_related("partner"),
            "entered": lottery.entries.count(),
            "winners": entries.filter(status=EntryStatus.WON)[:200],
            "draw": draw,
            "draw_url": draw_page(draw),
            "draw_staff_url": draw_staff_page(draw),
            "can_freeze": is_open and draw and not draw.frozen_at and now >= lottery.closes_at,
            "can_apply": is_open and draw and draw.status == "drawn" and not lottery.drawn_at,
        },
    )


@require_POST
@staff_required
@service_required(KEY)
def lottery_step(request, pk, action):
    lottery = get_object_or_404(selectors.lotteries_visible_to(request.user), pk=pk)
    if not access.can_approve(request.user):
        raise PermissionDenied
    try:
        if action == "freeze":
            draws.lottery_freeze(actor=request.user, lottery=lottery)
            messages.success(request, _("The list is frozen and published."))
        elif action == "apply":
            given = draws.lottery_apply_draw(lottery=lottery)
            messages.success(request, _("%(n)d prizes given; winners told by SMS.") % {"n": given})
        else:
            raise Http404
    except (ValidationError, PermissionDenied) as exc:
        _refusal(request, exc)
    return redirect("staff:activities_lottery_detail", lottery.pk)


def partner_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_partner(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@partner_required
def redeem(request):
    """The partner's phone page: scan (or type) a voucher's code; redeemed once."""
    form = forms.CodeForm(request.POST or None)
    done = None
    if request.method == "POST" and form.is_valid():
        try:
            done = lotteries.voucher_redeem(actor=request.user, code=form.cleaned_data["code"])
        except (ValidationError, PermissionDenied) as exc:
            _refusal(request, exc)
        form = forms.CodeForm()
    recent = selectors.partner_vouchers(request.user).filter(status="redeemed")
    return render(
        request,
        "activities/partner/redeem.html",
        {"form": form, "done": done, "recent": recent.order_by("-redeemed_at")[:20]},
    )
