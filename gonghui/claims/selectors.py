"""Reads of claims. Who reaches which claim comes from the registry's members_visible_to;
nothing here scopes on its own."""

import datetime
import re
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db import connections
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.accounts import roles
from gonghui.claims.models import (
    GRANTED_STATUSES,
    MATERIALS_BY_PLAN,
    PAYABLE_STATUSES,
    RECORD_PROVES,
    REVIEW_STATUSES,
    Channel,
    Claim,
    ClaimStatus,
    ComputationLine,
    EventType,
    LineStatus,
    MaterialKind,
    PayoutBatch,
    SmsKind,
    SmsTemplate,
)
from gonghui.claims.sms import DEFAULT_TEXTS
from gonghui.core.aggregates import EpochHours, MiddleValue
from gonghui.mutual_aid.models import PLAN_SHORT_LABELS, Period, Plan
from gonghui.mutual_aid.rules import Before
from gonghui.notify.models import SmsMessage
from gonghui.orgs.models import Member
from gonghui.orgs.selectors import member_query, members_visible_to, orgs_visible_to

ZERO = Decimal("0")
# The lines a hospital settlement pays for (a diagnosis lump sum rests on the diagnosis).
SETTLED_LINES = Q(code__startswith="INPATIENT.") | Q(code__startswith="MATERNITY.")
# A birth the member or the bureau dates within this many days of another is the same birth.
BIRTH_SLACK = datetime.timedelta(days=31)
PROMISE = datetime.timedelta(days=2)  # seed 002: the money arrives one to two days later


def claims_visible_to(user) -> QuerySet[Claim]:
    """Members: their own claims. Staff: claims of the members of their subtree."""
    if not (roles.is_member(user) or roles.is_staff(user)):
        return Claim.objects.none()
    return Claim.objects.filter(member__in=members_visible_to(user)).select_related(
        "member__union", "period"
    )


# The number a member quotes (BX000123), with or without its letters and leading zeros.
CLAIM_NUMBER = re.compile(r"^(?:BX\s*)?0*(\d{1,6})$", re.IGNORECASE)


def claim_query(query: str) -> Q:
    """A search box's text for claims: a claim number (BX000123, or up to six digits), else
    what it means for the claim's member (orgs.selectors.member_query: name, name plus the ID
    number's last four, full ID number, part of a mobile)."""
    number = CLAIM_NUMBER.match(query.strip())
    if number:
        return Q(pk=int(number[1]))
    return Q(member__in=Member.objects.filter(member_query(query)))


def claim_queue(
    user,
    *,
    query: str = "",
    status: str = "",
    plan: str = "",
    union_id: int | None = None,
    waited_days: int | None = None,
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    reviewer_id: int | None = None,
) -> QuerySet[Claim]:
    """The review workbench's list: by default what waits for a reviewer, oldest first. A
    search (claim_query) looks in every state unless one is chosen: the claim a member asks
    about may be paid already."""
    claims = claims_visible_to(user).exclude(status=ClaimStatus.DRAFT)
    if query.strip():
        claims = claims.filter(claim_query(query))
    if status:
        claims = claims.filter(status=status)
    elif not query.strip():
        claims = claims.filter(status__in=REVIEW_STATUSES)
    if plan:
        claims = claims.filter(plans__contains=plan)
    if union_id:
        union = orgs_visible_to(user).filter(pk=union_id).first()
        claims = (
            claims.filter(member__union__path__startswith=union.path) if union else claims.none()
        )
    if waited_days is not None:
        cutoff = timezone.now() - datetime.timedelta(days=waited_days)
        claims = claims.filter(status_changed_at__lte=cutoff)
    if amount_min is not None:
        claims = claims.filter(amount__gte=amount_min)
    if amount_max is not None:
        claims = claims.filter(amount__lte=amount_max)
    if reviewer_id:
        claims = claims.filter(reviewer_id=reviewer_id)
    return claims.select_related("reviewer").order_by("status_changed_at", "id")


def paid_before(*, member, period: Period, exclude: Claim | None = None) -> Before:
    """What the member was already granted in the period: the current computations of their
    approved (or paid) claims, as the rules engine's `Before`. A claim whose settlement the
    bureau reversed keeps only its diagnosis lines (CRITICAL, FEMALE): the settlement's part
    is being recovered."""
    claims = Claim.objects.filter(member=member, period=period, status__in=GRANTED_STATUSES)
    if exclude is not None:
        claims = claims.exclude(pk=exclude.pk)
    lines = (
        ComputationLine.objects.filter(computation_id__in=claims.values("computation_id"))
        .exclude(SETTLED_LINES, computation__claim__settlement_reversed_at__isnull=False)
        .values_list("code")
    )
    sums = {
        code: (amount or ZERO, days or 0)
        for code, amount, days in lines.annotate(a=Sum("amount"), d=Sum("days"))
    }
    return Before(
        inpatient_subsidy=sums.get("INPATIENT.subsidy", (ZERO, 0))[0],
        inpatient_allowance_days=int(sums.get("INPATIENT.allowance", (ZERO, 0))[1]),
        critical_paid=sums.get("CRITICAL.lump_sum", (ZERO, 0))[0],
        female_paid=sums.get("FEMALE.lump_sum", (ZERO, 0))[0],
    )


def required_materials(claim: Claim) -> list[str]:
    """The materials the plans of this claim call for, in the order of MaterialKind; for a
    claim made from the bureau's record, those the record does not prove."""
    wanted = {kind for plan in claim.plan_list for kind in MATERIALS_BY_PLAN.get(plan, ())}
    if claim.channel == Channel.RECORD:
        wanted -= RECORD_PROVES
    return [kind.value for kind in MaterialKind if kind in wanted]


def missing_materials(claim: Claim) -> list[str]:
    present = set(claim.materials.values_list("kind", flat=True))
    return [kind for kind in required_materials(claim) if kind not in present]


def material_slots(claim: Claim) -> list[dict]:
    """Each material the claim needs (then any other added), with the files added so far."""
    files: dict[str, list] = {}
    for material in claim.materials.all():
        files.setdefault(material.kind, []).append(material)
    kinds = required_materials(claim)
    kinds += [kind for kind in files if kind not in kinds]
    return [
        {"kind": kind, "label": MaterialKind(kind).label, "files": files.get(kind, [])}
        for kind in kinds
    ]


def duplicate_claims(claim: Claim) -> QuerySet[Claim]:
    """Other claims of the same stay or birth, in any state but rejected, whatever the channel:
    the same settlement serial number, the same member with overlapping stay dates, or a birth
    of the same member within BIRTH_SLACK (mutual-aid.md, never twice). A claim whose
    settlement the bureau reversed no longer holds its stay."""
    same = Q()
    if claim.settlement_serial:
        same |= Q(member_id=claim.member_id, settlement_serial=claim.settlement_serial)
    if claim.is_stay and claim.admission and claim.discharge:
        same |= Q(
            member_id=claim.member_id,
            event_type=claim.event_type,
            admission__lte=claim.discharge,
            discharge__gte=claim.admission,
        )
    if claim.event_type == EventType.BIRTH and claim.birth_date:
        same |= Q(
            member_id=claim.member_id,
            event_type=EventType.BIRTH,
            birth_date__gte=claim.birth_date - BIRTH_SLACK,
            birth_date__lte=claim.birth_date + BIRTH_SLACK,
        )
    if not same:
        return Claim.objects.none()
    return (
        Claim.objects.filter(same)
        .exclude(pk=claim.pk)
        .exclude(status=ClaimStatus.REJECTED)
        .filter(settlement_reversed_at__isnull=True)
        .order_by("id")
    )


def claim_timeline(claim: Claim):
    return claim.events.select_related("actor").order_by("at", "id")


def open_request(claim: Claim):
    """The reviewer's request for more material while the claim is returned."""
    if claim.status != ClaimStatus.RETURNED:
        return None
    return claim.events.filter(new_status=ClaimStatus.RETURNED).order_by("-at", "-id").first()


def payout_queue(user) -> QuerySet[Claim]:
    """Approved claims (and failed payments) waiting for a payout batch."""
    return (
        claims_visible_to(user)
        .filter(status__in=PAYABLE_STATUSES, settlement_reversed_at__isnull=True)
        .order_by("approved_at", "id")
        .select_related("member")
    )


def batches_visible_to(user) -> QuerySet[PayoutBatch]:
    """With the count and total of the lines that did not fail."""
    live = ~Q(lines__status=LineStatus.FAILED)
    return PayoutBatch.objects.filter(federation__in=orgs_visible_to(user)).annotate(
        line_count=Count("lines", filter=live), total=Sum("lines__amount", filter=live)
    )


def my_notices(user) -> QuerySet[SmsMessage]:
    """The SMS the member was sent about claims, newest first."""
    if not roles.is_member(user):
        return SmsMessage.objects.none()
    return SmsMessage.objects.filter(member__in=members_visible_to(user), kind__in=SmsKind.values)


def sms_template_texts() -> dict[str, str]:
    """Each claim SMS's text: the federation's own wording, else the default."""
    saved = dict(SmsTemplate.objects.values_list("kind", "text"))
    return {kind: saved.get(kind) or str(DEFAULT_TEXTS[kind]) for kind in SmsKind.values}


# --- figures -------------------------------------------------------------------------------


@dataclass
class Row:
    label: str
    count: int = 0
    amount: Decimal = ZERO


@dataclass
class Durations:
    count: int = 0
    median_hours: float | None = None
    within_promise: Decimal | None = None  # share (%) done within two days


# Each turnaround: from which moment to which, among granted claims.
TURNAROUNDS = {
    "to_approval": ("submitted_at", "approved_at"),
    "to_payment": ("approved_at", "paid_at"),
}


@dataclass
class ClaimFigures:
    by_status: list[Row]
    by_plan: list[Row]
    by_union: list[Row]
    by_period: list[Row]
    to_approval: Durations
    to_payment: Durations
    paid_count: int
    paid_amount: Decimal


def claim_figures(user, *, period: Period | None = None, breakdowns: bool = True) -> ClaimFigures:
    """Claims and amounts by state, plan (granted lines), union and period; how long from
    submission to approval and from approval to payment; paid person-times and amounts.
    With `breakdowns=False` (the dashboard) by_plan, by_union and by_period stay empty.

    The states and both turnarounds come from one pass over the claims (on PostgreSQL the
    medians too): scoping a claim by its member's union is what costs at county scale."""
    claims = claims_visible_to(user).exclude(status=ClaimStatus.DRAFT)
    if period is not None:
        claims = claims.filter(period=period)
    states = [status for status in ClaimStatus if status != ClaimStatus.DRAFT]
    granted = Q(status__in=GRANTED_STATUSES)
    postgres = connections[claims.db].vendor == "postgresql"
    aggregates = {}
    for status in states:
        aggregates[f"n_{status.value}"] = Count("id", filter=Q(status=status))
        aggregates[f"a_{status.value}"] = Sum("amount", filter=Q(status=status))
    for name, (start, end) in TURNAROUNDS.items():
        done = granted & Q(**{f"{start}__isnull": False, f"{end}__isnull": False})
        aggregates[f"{name}_n"] = Count("id", filter=done)
        promise = Q(**{f"{end}__lte": F(start) + PROMISE})
        aggregates[f"{name}_inside"] = Count("id", filter=done & promise)
        if postgres:
            hours = EpochHours(F(end) - F(start))
            aggregates[f"{name}_low"] = MiddleValue(hours, filter=granted)
            aggregates[f"{name}_high"] = MiddleValue(hours, upper=True, filter=granted)
    totals = claims.order_by().aggregate(**aggregates)
    by_status = [
        Row(str(status.label), totals[f"n_{status.value}"], _or_zero(totals[f"a_{status.value}"]))
        for status in states
    ]
    if postgres:
        medians = {
            name: statistics.median([totals[f"{name}_low"], totals[f"{name}_high"]])
            if totals[f"{name}_n"]
            else None
            for name in TURNAROUNDS
        }
    else:
        medians = _median_hours(claims.filter(granted))
    durations = {
        name: _durations(totals[f"{name}_n"], totals[f"{name}_inside"], medians[name])
        for name in TURNAROUNDS
    }
    paid = by_status[states.index(ClaimStatus.PAID)]
    by_plan, by_union, by_period = [], [], []
    if breakdowns:
        by_plan, by_union, by_period = _breakdowns(claims.filter(granted))
    return ClaimFigures(
        by_status=by_status,
        by_plan=by_plan,
        by_union=by_union,
        by_period=by_period,
        to_approval=durations["to_approval"],
        to_payment=durations["to_payment"],
        paid_count=paid.count,
        paid_amount=paid.amount,
    )


def _or_zero(amount: Decimal | None) -> Decimal:
    return ZERO if amount is None else amount


def _median_hours(granted: QuerySet[Claim]) -> dict[str, float | None]:
    """The portable path (SQLite): each turnaround's median, in Python over the rows."""
    hours = {name: [] for name in TURNAROUNDS}
    for row in granted.values("submitted_at", "approved_at", "paid_at"):
        for name, (start, end) in TURNAROUNDS.items():
            if row[start] and row[end]:
                hours[name].append((row[end] - row[start]).total_seconds() / 3600)
    return {name: statistics.median(values) if values else None for name, values in hours.items()}


def _durations(count: int, inside: int, median_hours: float | None) -> Durations:
    if not count:
        return Durations()
    return Durations(
        count=count,
        median_hours=round(median_hours, 1),
        within_promise=(Decimal(inside) * 100 / count).quantize(Decimal("0.1")),
    )


def _breakdowns(granted: QuerySet[Claim]) -> tuple[list[Row], list[Row], list[Row]]:
    granted_lines = ComputationLine.objects.filter(
        computation_id__in=granted.values("computation_id")
    )
    by_plan = []
    for plan in Plan:
        sums = granted_lines.filter(code__startswith=f"{plan.value}.").aggregate(
            n=Count("computation_id", distinct=True), a=Sum("amount")
        )
        by_plan.append(Row(str(PLAN_SHORT_LABELS[plan]), sums["n"], sums["a"] or ZERO))
    by_union = [
        Row(name, n, amount or ZERO)
        for name, n, amount in granted.values_list("member__union__name")
        .annotate(n=Count("id"), a=Sum("amount"))
        .order_by("member__union__path")
    ]
    by_period = [
        Row(code or "—", n, amount or ZERO)
        for code, n, amount in granted.values_list("period__code")
        .annotate(n=Count("id"), a=Sum("amount"))
        .order_by("-period__start")
    ]
    return by_plan, by_union, by_period


def sms_template_text(kind: str) -> str:
    saved = SmsTemplate.objects.filter(kind=kind).values_list("text", flat=True).first()
    return saved or str(DEFAULT_TEXTS[kind])
