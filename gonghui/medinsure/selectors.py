"""Reads of the medical-insurance link. Who sees what is decided here, once:

- a record matched to a member, its notice and any recovery: staff whose subtree contains the
  member's union, and the member (their own notices);
- a record that belongs to nobody enrolled: county-level staff of the importing federation
  (a federation node at or above it) only.
"""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.accounts import roles
from gonghui.claims.models import (
    GRANTED_STATUSES,
    Channel,
    Claim,
    ClaimStatus,
    ComputationLine,
)
from gonghui.claims.selectors import SETTLED_LINES, claims_visible_to
from gonghui.core import crypto, idnumber
from gonghui.core.money import percent
from gonghui.medinsure.models import (
    CLAIMED_STATUSES,
    FIELD_HEADERS,
    STANDING_STATUSES,
    BenefitNotice,
    BureauApiKey,
    CancerHint,
    ColumnMapping,
    NoticeStatus,
    RecordKind,
    Recovery,
    RecoveryStatus,
    SettlementImport,
    SettlementRecord,
)
from gonghui.mutual_aid.quotes import LINE_ORDER
from gonghui.mutual_aid.rules import LINE_LABELS, Before
from gonghui.orgs.models import Organisation, OrgKind
from gonghui.orgs.selectors import looks_like_id_number, members_visible_to, orgs_visible_to

ZERO = Decimal("0")
# The computed lines that fill a cap in the period (the engine's `Before`).
CAP_LINES = ("INPATIENT.subsidy", "INPATIENT.allowance", "CRITICAL.lump_sum", "FEMALE.lump_sum")


# --- scope ---------------------------------------------------------------------------------


def federations_run_by(user) -> QuerySet[Organisation]:
    """The federations whose feed this user may import and whose unmatched records they see:
    federation nodes inside their subtree, when they work at a federation node themselves."""
    if not roles.is_staff(user) or user.org.kind != OrgKind.FEDERATION:
        return Organisation.objects.none()
    return orgs_visible_to(user).filter(kind=OrgKind.FEDERATION)


def records_visible_to(user) -> QuerySet[SettlementRecord]:
    if not roles.is_staff(user):
        return SettlementRecord.objects.none()
    prefix = user.org.path
    scope = Q(member__union__path__startswith=prefix)
    if user.org.kind == OrgKind.FEDERATION:
        scope |= Q(member__isnull=True, federation__path__startswith=prefix)
    return SettlementRecord.objects.filter(scope)


def notices_visible_to(user) -> QuerySet[BenefitNotice]:
    """Staff: notices of members of unions in their subtree. Members: their own."""
    if roles.is_member(user):
        return BenefitNotice.objects.filter(member__in=members_visible_to(user))
    if not roles.is_staff(user):
        return BenefitNotice.objects.none()
    return BenefitNotice.objects.filter(member__union__path__startswith=user.org.path)


def recoveries_visible_to(user) -> QuerySet[Recovery]:
    if not roles.is_staff(user):
        return Recovery.objects.none()
    return Recovery.objects.filter(member__union__path__startswith=user.org.path)


def imports_visible_to(user) -> QuerySet[SettlementImport]:
    return SettlementImport.objects.filter(federation__in=federations_run_by(user))


def api_keys_visible_to(user) -> QuerySet[BureauApiKey]:
    return BureauApiKey.objects.filter(federation__in=federations_run_by(user))


def my_notices(user) -> QuerySet[BenefitNotice]:
    """A member's notices, those waiting for them first."""
    return (
        notices_visible_to(user)
        .select_related("record", "period", "claim")
        .order_by("status", "-discharge", "-id")
    )


def my_pending_notices(user) -> QuerySet[BenefitNotice]:
    if not roles.is_member(user):
        return BenefitNotice.objects.none()
    return notices_visible_to(user).filter(status=NoticeStatus.PENDING)


# --- searches ------------------------------------------------------------------------------


def record_search(
    user, *, query: str = "", matched: str = "", kind: str = "", category: str = ""
) -> QuerySet[SettlementRecord]:
    """By serial number, by full ID number (through its keyed hash) or by name."""
    records = records_visible_to(user).select_related("member__union", "period", "notice")
    query = query.strip()
    if query:
        if looks_like_id_number(query):
            records = records.filter(id_hash=crypto.lookup_hash(idnumber.normalize(query)))
        else:
            records = records.filter(Q(serial=query) | Q(name=query) | Q(original_serial=query))
    if matched == "yes":
        records = records.filter(member__isnull=False)
    elif matched == "no":
        records = records.filter(member__isnull=True)
    if kind:
        records = records.filter(kind=kind)
    if category:
        records = records.filter(category=category)
    return records.order_by("-id")


def notice_search(user, *, query: str = "", status: str = "", kind: str = "") -> QuerySet:
    notices = notices_visible_to(user).select_related("member__union", "record", "period")
    query = query.strip()
    if query:
        if looks_like_id_number(query):
            notices = notices.filter(member__id_hash=crypto.lookup_hash(idnumber.normalize(query)))
        else:
            notices = notices.filter(Q(member__name=query) | Q(record__serial=query))
    if status:
        notices = notices.filter(status=status)
    if kind:
        notices = notices.filter(kind=kind)
    return notices.order_by("-created_at", "-id")


def reversal_of(record: SettlementRecord) -> SettlementRecord | None:
    """The reversal (冲销) that cancels this record, if one has arrived."""
    return SettlementRecord.objects.filter(
        federation_id=record.federation_id,
        kind=RecordKind.REVERSAL,
        original_serial=record.serial,
    ).first()


def reversed_record(reversal: SettlementRecord) -> SettlementRecord | None:
    return SettlementRecord.objects.filter(
        federation_id=reversal.federation_id, serial=reversal.original_serial
    ).first()


# --- configuration -------------------------------------------------------------------------


def column_mapping_for(federation: Organisation) -> dict[str, str]:
    """Field → the header in this federation's files (the spec's headers unless changed)."""
    saved = dict(ColumnMapping.objects.filter(federation=federation).values_list("field", "header"))
    return {name: saved.get(name, header) for name, header in FIELD_HEADERS.items()}


# --- what a member was already paid in a period --------------------------------------------


def standing_unclaimed(notices: QuerySet[BenefitNotice]) -> QuerySet[BenefitNotice]:
    """Notices whose amount still stands on its own: waiting for the member, or handed to a
    claim that is neither granted (then the claim counts) nor rejected."""
    return notices.filter(
        Q(status=NoticeStatus.PENDING)
        | Q(status__in=CLAIMED_STATUSES)
        & (Q(claim__isnull=True) | ~Q(claim__status__in=[*GRANTED_STATUSES, ClaimStatus.REJECTED]))
    )


def amounts_paid_before(
    member_ids, period_ids, *, exclude_batch_id: int | None = None
) -> dict[tuple[int, int], Before]:
    """What each (member, period) was already granted before the records being computed, as
    the rules engine's `Before`, so that caps fill up across stays, whichever way they came:
    granted claims (filed by hand or made from a record) and the notices that stand on their
    own (standing_unclaimed). CRITICAL and FEMALE are never paid from a record, so only
    claims add to them. Two queries per call, whatever the number of members."""
    sums: dict[tuple[int, int], list] = defaultdict(lambda: [ZERO, 0, ZERO, ZERO])
    notices = standing_unclaimed(
        BenefitNotice.objects.filter(member_id__in=list(member_ids), period_id__in=list(period_ids))
    )
    if exclude_batch_id is not None:
        notices = notices.exclude(batch_id=exclude_batch_id)
    rows = notices.values_list("member_id", "period_id").annotate(
        subsidy=Sum("inpatient_subsidy"), days=Sum("inpatient_allowance_days")
    )
    for member_id, period_id, subsidy, days in rows:
        total = sums[(member_id, period_id)]
        total[0] += subsidy or ZERO
        total[1] += int(days or 0)
    lines = (
        ComputationLine.objects.filter(
            computation__claim__member_id__in=list(member_ids),
            computation__claim__period_id__in=list(period_ids),
            computation__claim__status__in=GRANTED_STATUSES,
            computation__claim__computation_id=F("computation_id"),
            code__in=CAP_LINES,
        )
        # As claims.selectors.paid_before: a reversed settlement's lines are being recovered.
        .exclude(SETTLED_LINES, computation__claim__settlement_reversed_at__isnull=False)
        .values_list("computation__claim__member_id", "computation__claim__period_id", "code")
        .annotate(amount=Sum("amount"), days=Sum("days"))
    )
    for member_id, period_id, code, amount, days in lines:
        total = sums[(member_id, period_id)]
        if code == "INPATIENT.subsidy":
            total[0] += amount or ZERO
        elif code == "INPATIENT.allowance":
            total[1] += int(days or 0)
        elif code == "CRITICAL.lump_sum":
            total[2] += amount or ZERO
        else:
            total[3] += amount or ZERO
    return {
        key: Before(
            inpatient_subsidy=subsidy,
            inpatient_allowance_days=days,
            critical_paid=critical,
            female_paid=female,
        )
        for key, (subsidy, days, critical, female) in sums.items()
    }


def any_paid_before(period_ids, *, exclude_batch_id: int | None = None) -> bool:
    """Whether amounts_paid_before can find anything in these periods at all: a feed that
    is the first of its period, with no claim granted in it, skips the look-ups."""
    notices = standing_unclaimed(BenefitNotice.objects.filter(period_id__in=list(period_ids)))
    if exclude_batch_id is not None:
        notices = notices.exclude(batch_id=exclude_batch_id)
    return (
        notices.exists()
        or Claim.objects.filter(
            period_id__in=list(period_ids),
            status__in=GRANTED_STATUSES,
            settlement_reversed_at__isnull=True,
        ).exists()
    )


# --- presenting a notice -------------------------------------------------------------------


def notice_line_items(notice: BenefitNotice) -> list[dict]:
    """The notice's lines with their labels and the engine's sentences, in the order of the
    worked example of seed 000."""
    items = []
    for code, amount in notice.lines.items():
        texts = [step["text"] for step in notice.trace if step.get("line") == code]
        items.append(
            {
                "code": code,
                "label": LINE_LABELS.get(code, code),
                "amount": Decimal(amount),
                "texts": texts,
            }
        )
    items.sort(
        key=lambda item: LINE_ORDER.index(item["code"]) if item["code"] in LINE_ORDER else 99
    )
    return items


def pathology_claim_facts(notice: BenefitNotice) -> dict:
    """The facts of the member's own claim for the diagnosis a pathology notice points to, as
    the record gives them (JSON for the session): a malignant neoplasm as a severe critical
    illness, one of breast or female organs also as a female cancer for a woman, first
    diagnosed on admission. The member checks them before going on."""
    record = notice.record
    female = record.cancer_hint == CancerHint.FEMALE_MALIGNANT and notice.member.gender == "female"
    return {
        "event_type": "diagnosis",
        "critical": "severe",
        "female_cancer": female,
        "first_diagnosed": (record.admission or record.discharge).isoformat(),
        "diagnosis": record.diagnosis_name,
        "icd10": record.diagnosis_code,
    }


def notice_refusals(notice: BenefitNotice) -> list[str]:
    return [step["text"] for step in notice.trace if step.get("rule", "").endswith(".refused")]


# --- figures -------------------------------------------------------------------------------


@dataclass
class Figures:
    records: int = 0
    matched: int = 0
    reversals: int = 0
    found_count: int = 0
    found_amount: Decimal = ZERO
    pathology_count: int = 0
    owed_amount: Decimal = ZERO
    confirmed_count: int = 0
    confirmed_amount: Decimal = ZERO
    pending_count: int = 0
    pending_amount: Decimal = ZERO
    reminded_count: int = 0
    cancelled_count: int = 0
    expired_count: int = 0
    merged_count: int = 0
    confirmation_rate: Decimal | None = None
    match_rate: Decimal | None = None
    median_days_to_notice: float | None = None
    median_days_to_confirmation: float | None = None
    owed_count: int = 0
    filed_by_hand_count: int = 0
    merged_with_record_count: int = 0
    merged_with_record_amount: Decimal = ZERO
    hand_only_count: int = 0
    hand_only_amount: Decimal = ZERO
    found_rate: Decimal | None = None
    found_amount_rate: Decimal | None = None
    record_claims: int = 0
    straight_through: int = 0
    record_claims_paid: int = 0
    median_days_to_approval: float | None = None
    median_days_to_payment: float | None = None
    recoveries: dict = field(default_factory=dict)


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def benefit_figures(user) -> Figures:
    """The measures of 零次跑 for the user's subtree.

    found: benefits that reached members without their filing anything: notices above zero
    waiting for the member or confirmed by them;
    owed: every stay or birth owed a benefit, however it came: found, plus notices the member
    had filed by hand anyway (merged), plus granted hand-filed claims for stays and births
    the bureau's records did not bring. found ÷ owed is the share told before asking.
    Days run from discharge (or birth) to a record's claim being approved and paid.
    """
    figures = Figures()
    records = records_visible_to(user)
    counts = records.aggregate(
        total=Count("id"),
        matched=Count("id", filter=Q(member__isnull=False, kind=RecordKind.NORMAL)),
        reversals=Count("id", filter=Q(kind=RecordKind.REVERSAL)),
    )
    figures.records = counts["total"]
    figures.matched = counts["matched"]
    figures.reversals = counts["reversals"]
    normal = figures.records - figures.reversals
    figures.match_rate = percent(figures.matched, normal)

    notices = notices_visible_to(user)
    by_status = {
        status: (n, amount or ZERO)
        for status, n, amount in notices.values_list("status")
        .annotate(n=Count("id"), amount=Sum("total"))
        .values_list("status", "n", "amount")
    }
    n_pending, a_pending = by_status.get(NoticeStatus.PENDING, (0, ZERO))
    n_confirmed, a_confirmed = by_status.get(NoticeStatus.CONFIRMED, (0, ZERO))
    figures.pending_count, figures.pending_amount = n_pending, a_pending
    figures.confirmed_count, figures.confirmed_amount = n_confirmed, a_confirmed
    figures.cancelled_count = by_status.get(NoticeStatus.CANCELLED, (0, ZERO))[0]
    figures.expired_count = by_status.get(NoticeStatus.EXPIRED, (0, ZERO))[0]
    figures.merged_count = by_status.get(NoticeStatus.MERGED, (0, ZERO))[0]
    standing = notices.filter(status__in=STANDING_STATUSES)
    # Found: told to the member before they asked (a notice linked to a claim they filed by
    # hand was not, nor one whose claim a reviewer rejected). Filed by hand: granted
    # hand-filed stays and births, with a record of the bureau or without.
    found = notices.filter(total__gt=0).filter(
        Q(status=NoticeStatus.PENDING)
        | Q(status=NoticeStatus.CONFIRMED)
        & (
            Q(claim__isnull=True)
            | Q(claim__channel=Channel.RECORD) & ~Q(claim__status=ClaimStatus.REJECTED)
        )
    )
    figures.found_count = found.count()
    figures.found_amount = found.aggregate(amount=Sum("total"))["amount"] or ZERO
    with_record = BenefitNotice.objects.filter(claim_id=OuterRef("pk"), status__in=CLAIMED_STATUSES)
    hand = (
        claims_visible_to(user)
        .filter(
            status__in=GRANTED_STATUSES,
            event_type__in=("inpatient", "birth"),
            settlement_reversed_at__isnull=True,
        )
        .exclude(channel=Channel.RECORD)
        .annotate(with_record=Exists(with_record))
        .aggregate(
            merged=Count("id", filter=Q(with_record=True)),
            merged_amount=Sum("amount", filter=Q(with_record=True)),
            alone=Count("id", filter=Q(with_record=False)),
            alone_amount=Sum("amount", filter=Q(with_record=False)),
        )
    )
    merged = {"n": hand["merged"], "amount": hand["merged_amount"]}
    hand = {"n": hand["alone"], "amount": hand["alone_amount"]}
    figures.merged_with_record_count = merged["n"]
    figures.merged_with_record_amount = merged["amount"] or ZERO
    figures.hand_only_count = hand["n"]
    figures.hand_only_amount = hand["amount"] or ZERO
    figures.filed_by_hand_count = merged["n"] + hand["n"]
    figures.owed_count = figures.found_count + figures.filed_by_hand_count
    figures.owed_amount = (
        figures.found_amount + figures.merged_with_record_amount + figures.hand_only_amount
    )
    figures.found_rate = percent(figures.found_count, figures.owed_count)
    figures.found_amount_rate = percent(figures.found_amount, figures.owed_amount)
    figures.pathology_count = standing.filter(kind="needs_pathology_report").count()
    figures.reminded_count = notices.filter(reminded_at__isnull=False).count()
    figures.confirmation_rate = percent(
        n_confirmed, n_confirmed + n_pending + figures.expired_count
    )

    to_notice, to_confirmation = [], []
    rows = notices.exclude(status=NoticeStatus.CANCELLED).values_list(
        "discharge", "created_at", "confirmed_at"
    )
    for discharge, created_at, confirmed_at in rows.iterator(chunk_size=5000):
        to_notice.append((_local_day(created_at) - discharge).days)
        if confirmed_at is not None:
            to_confirmation.append((_local_day(confirmed_at) - discharge).days)
    figures.median_days_to_notice = _median(to_notice)
    figures.median_days_to_confirmation = _median(to_confirmation)

    record_claims = claims_visible_to(user).filter(channel=Channel.RECORD)
    figures.record_claims = record_claims.count()
    figures.straight_through = record_claims.filter(
        status__in=GRANTED_STATUSES, first_approver__isnull=True
    ).count()
    to_approval, to_payment = [], []
    rows = record_claims.filter(approved_at__isnull=False).values_list(
        "discharge", "birth_date", "approved_at", "paid_at"
    )
    for discharge, birth_date, approved_at, paid_at in rows.iterator(chunk_size=5000):
        event_day = discharge or birth_date
        to_approval.append((_local_day(approved_at) - event_day).days)
        if paid_at is not None:
            to_payment.append((_local_day(paid_at) - event_day).days)
    figures.record_claims_paid = len(to_payment)
    figures.median_days_to_approval = _median(to_approval)
    figures.median_days_to_payment = _median(to_payment)

    recoveries = defaultdict(lambda: [0, ZERO])
    for status, n, amount in (
        recoveries_visible_to(user)
        .values_list("status")
        .annotate(n=Count("id"), amount=Sum("amount"))
        .values_list("status", "n", "amount")
    ):
        recoveries[status] = [n, amount or ZERO]
    figures.recoveries = {
        status: {
            "label": status.label,
            "count": recoveries[status][0],
            "amount": recoveries[status][1],
        }
        for status in RecoveryStatus
    }
    return figures


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()
