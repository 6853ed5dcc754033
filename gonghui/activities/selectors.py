"""Reads of activities, scoped: staff see programmes and lotteries organised in their subtree
(and registrations of their subtree's members), members their own, partners their prizes."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.activities import access
from gonghui.activities.models import (
    HOLDING,
    Batch,
    Entry,
    Kind,
    Lottery,
    Pool,
    Programme,
    Registration,
    RegStatus,
    Tag,
    Voucher,
    VoucherStatus,
)
from gonghui.orgs.models import Member


def my_member(user) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.select_related("union").filter(user=user).first()


def member_holds_anything(user) -> bool:
    member = my_member(user)
    return bool(member) and (
        Registration.objects.filter(member=member).exists()
        or Entry.objects.filter(member=member).exists()
    )


def programmes_visible_to(user):
    """Programmes organised in the user's subtree, or open to it (a town sees the county's
    programmes its unions nominate into)."""
    if not access.can_read(user):
        return Programme.objects.none()
    path = user.org.path
    ancestors = [int(part) for part in path.strip("/").split("/") if part]
    return (
        Programme.objects.filter(Q(org__path__startswith=path) | Q(org_id__in=ancestors))
        .select_related("org")
        .distinct()
    )


def programme_for_staff(user, pk) -> Programme:
    return programmes_visible_to(user).get(pk=pk)


def registrations_visible_to(user, programme: Programme):
    """All registrations for the organiser's side; a union sees its own members' only."""
    rows = Registration.objects.filter(programme=programme).select_related(
        "member__union", "batch", "pool__org"
    )
    if not programme.org.path.startswith(user.org.path):
        rows = rows.filter(member__union__path__startswith=user.org.path)
    return rows.order_by("batch__starts_on", "batch_id", "status", "rank", "created_at", "id")


def batch_rows(programme: Programme) -> list[dict]:
    rows = []
    batches = programme.batches.select_related("scope").annotate(taken=Sum("pools__taken"))
    for batch in batches:
        rows.append({"batch": batch, "left": batch.places - (batch.taken or 0)})
    return rows


def pools_of(batch: Batch):
    return Pool.objects.filter(batch=batch).select_related("org", "draw")


def lotteries_visible_to(user):
    if not access.can_read(user):
        return Lottery.objects.none()
    return Lottery.objects.filter(org__path__startswith=user.org.path).select_related("org")


# ---------------------------------------------------------------- members


def open_batches_for(member, now=None):
    """Batches of programmes whose window is open and whose scope contains the member's
    union, with the places left (what the member may join, rules checked per batch)."""
    now = now or timezone.now()
    ancestors = [int(part) for part in member.union.path.strip("/").split("/") if part]
    return (
        Batch.objects.filter(
            programme__opens_at__lte=now,
            programme__closes_at__gt=now,
            programme__self_apply=True,
            scope_id__in=ancestors,
        )
        .select_related("programme", "scope")
        # The places kept for coin vouchers (gonghui.points) are not open to applicants.
        .annotate(
            taken=Coalesce(Sum("pools__taken", filter=Q(pools__for_vouchers=False)), 0)
            + Coalesce(Sum("pools__places", filter=Q(pools__for_vouchers=True)), 0)
        )
        .order_by("programme__closes_at", "starts_on", "id")
    )


def open_lotteries_for(member, now=None):
    now = now or timezone.now()
    ancestors = [int(part) for part in member.union.path.strip("/").split("/") if part]
    return Lottery.objects.filter(opens_at__lte=now, closes_at__gt=now, org_id__in=ancestors)


def my_registrations(member):
    return (
        Registration.objects.filter(member=member)
        .select_related("batch__programme", "pool__draw")
        .prefetch_related("events")
        .order_by("-created_at")
    )


def my_entries(member):
    return (
        Entry.objects.filter(member=member)
        .select_related("lottery__draw", "prize")
        .prefetch_related("vouchers__prize__partner")
        .order_by("-created_at")
    )


def my_vouchers(member):
    return Voucher.objects.filter(entry__member=member).select_related(
        "prize__lottery", "prize__partner"
    )


# ---------------------------------------------------------------- partners


def partner_vouchers(user):
    return Voucher.objects.filter(prize__partner_id__in=access.partner_ids(user)).select_related(
        "prize__lottery", "entry__member"
    )


# ---------------------------------------------------------------- figures


def figures(user, year: int) -> dict:
    programmes = programmes_visible_to(user).filter(org__path__startswith=user.org.path)
    programmes = programmes.filter(batches__starts_on__year=year).distinct()
    regs = Registration.objects.filter(programme__in=programmes, status__in=HOLDING)
    recuperation = regs.filter(programme__kind=Kind.RECUPERATION)
    recuperation_places = (
        Batch.objects.filter(programme__in=programmes, programme__kind=Kind.RECUPERATION).aggregate(
            total=Sum("places")
        )["total"]
        or 0
    )
    tagged = {
        tag: recuperation.filter(member__activity_tags__tag=tag).distinct().count()
        for tag in (Tag.FRONTLINE, Tag.SANITATION)
    }
    lotteries = lotteries_visible_to(user).filter(opens_at__year=year)
    vouchers = Voucher.objects.filter(prize__lottery__in=lotteries)
    return {
        "activities": programmes.filter(kind=Kind.ACTIVITY).count(),
        "person_times": regs.filter(status=RegStatus.CHECKED_IN).count(),
        "places_held": regs.count(),
        "recuperation_used": recuperation.count(),
        "recuperation_places": recuperation_places,
        "frontline": tagged[Tag.FRONTLINE],
        "sanitation": tagged[Tag.SANITATION],
        "prizes_issued": vouchers.exclude(status=VoucherStatus.EXPIRED).count(),
        "prizes_redeemed": vouchers.filter(status=VoucherStatus.REDEEMED).count(),
        "by_month": list(
            regs.filter(status=RegStatus.CHECKED_IN)
            .values_list("batch__starts_on__month")
            .annotate(n=Count("id"))
            .order_by("batch__starts_on__month")
        ),
    }


def dashboard_section(user, year: int):
    from gonghui.dashboards import selectors as dash

    data = figures(user, year)
    share = (
        f"{data['sanitation'] * 100 / data['recuperation_used']:.1f}%"
        if data["recuperation_used"]
        else "—"
    )
    return dash.Section(
        key="activities",
        title=_("Activities, recuperation and lotteries"),
        figures=[
            dash.Figure(_("Activities"), data["activities"]),
            dash.Figure(_("Person-times checked in"), data["person_times"]),
            dash.Figure(
                _("Recuperation places used"),
                f"{data['recuperation_used']} / {data['recuperation_places']}",
            ),
            dash.Figure(_("Recuperation places to sanitation workers"), share),
            dash.Figure(_("Prizes issued"), data["prizes_issued"]),
            dash.Figure(_("Prizes redeemed"), data["prizes_redeemed"]),
        ],
        tables=[
            dash.Table(
                "activities_by_month",
                _("Person-times checked in by month"),
                [_("Month"), pgettext("activities", "Person-times")],
                [[f"{month}月", count] for month, count in data["by_month"]],
            )
        ],
    )
