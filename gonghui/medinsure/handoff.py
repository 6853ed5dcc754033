"""Where a benefit notice meets the claims workflow (never twice: one stay, one claim).

- The member confirms a notice: if they already filed the same stay by hand, the notice joins
  that claim; otherwise a claim is made from the record and sent at once, approved straight
  through when every check passes and the amount is not above the federation's limit
  (LinkSettings), else queued for a reviewer.
- The member files a stay by hand while a notice for it waits: the notice is merged into the
  claim (claims.signals.claim_submitted).
- The feed finds a stay the member already filed by hand: its notice is made merged
  (services.feed, with stays_claimed_by_hand below).
- A reviewer rejects a hand-filed claim that notices were merged into (for anything but the
  settlement's reversal or a duplicate): the notices wait for the member again, who can
  then claim from the record (claims.signals.claim_rejected).

The two receivers are connected in apps.py: the claims app must not know this one.
"""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.claims import services as claim_services
from gonghui.claims.models import (
    DUPLICATE_STAY,
    GRANTED_STATUSES,
    Channel,
    Claim,
    ClaimStatus,
    EventType,
    Place,
)
from gonghui.claims.selectors import BIRTH_SLACK
from gonghui.claims.services.computing import SETTLEMENT_REVERSED
from gonghui.medinsure.models import (
    DEFAULT_STRAIGHT_THROUGH_UP_TO,
    BenefitNotice,
    Category,
    LinkSettings,
    NoticeStatus,
    Recovery,
    RecoveryStatus,
    SettlementRecord,
)
from gonghui.medinsure.models import Place as RecordPlace
from gonghui.medinsure.services import notices as notices_service

# What a hand-filed claim must be to meet a record: sent, not rejected, its settlement not
# reversed.
LIVE_HAND_CLAIMS = Q(
    status__in=set(ClaimStatus.values) - {ClaimStatus.DRAFT, ClaimStatus.REJECTED},
    settlement_reversed_at__isnull=True,
)
# Rejections that must not give the record back to the member.
FINAL_REJECTIONS = frozenset({SETTLEMENT_REVERSED, DUPLICATE_STAY})


def straight_through_up_to(federation_id: int) -> Decimal:
    limit = (
        LinkSettings.objects.filter(federation_id=federation_id)
        .values_list("straight_through_up_to", flat=True)
        .first()
    )
    return Decimal(DEFAULT_STRAIGHT_THROUGH_UP_TO) if limit is None else limit


def record_facts(record: SettlementRecord) -> dict:
    """The claim's facts as the bureau's record gives them."""
    if record.category == Category.MATERNITY:
        return {
            "event_type": EventType.BIRTH,
            "birth_date": record.discharge,
            "settlement_serial": record.serial,
        }
    return {
        "event_type": EventType.INPATIENT,
        "hospital": record.hospital or _("(hospital not named in the settlement record)"),
        "settlement_serial": record.serial,
        "admission": record.admission or record.discharge,
        "discharge": record.discharge,
        "place": Place.ELSEWHERE if record.place == RecordPlace.ELSEWHERE else Place.LOCAL,
        "self_responsibility": record.self_responsibility,
    }


def stays_claimed_by_hand(member_ids) -> dict[int, list[tuple]]:
    """For the feed: each member's live hand-filed claims as (claim id, event type, first
    day, last day, serial, granted); one query for a chunk of members."""
    claimed: dict[int, list[tuple]] = {}
    rows = (
        Claim.objects.filter(
            LIVE_HAND_CLAIMS,
            member_id__in=list(member_ids),
            event_type__in=(EventType.INPATIENT, EventType.BIRTH),
        )
        .exclude(channel=Channel.RECORD)
        .values_list(
            "member_id",
            "id",
            "event_type",
            "admission",
            "discharge",
            "birth_date",
            "settlement_serial",
            "status",
        )
        .order_by("id")
    )
    for member_id, claim_id, event_type, admission, discharge, birth_date, serial, status in rows:
        if event_type == EventType.BIRTH:
            first, last = birth_date - BIRTH_SLACK, birth_date + BIRTH_SLACK
        else:
            first, last = admission, discharge
        claimed.setdefault(member_id, []).append(
            (claim_id, event_type, first, last, serial, status in GRANTED_STATUSES)
        )
    return claimed


def claimed_by_hand(claimed: list[tuple], *, category, admission, discharge, serial):
    """(claim id, granted) of the hand-filed claim (from stays_claimed_by_hand) for this
    record, or (None, False)."""
    wanted = EventType.BIRTH if category == Category.MATERNITY else EventType.INPATIENT
    for claim_id, event_type, first, last, claim_serial, granted in claimed:
        if event_type != wanted:
            continue
        same_serial = bool(serial) and claim_serial == serial
        if wanted == EventType.BIRTH:
            overlaps = first <= discharge <= last
        else:
            overlaps = first <= discharge and last >= (admission or discharge)
        if same_serial or overlaps:
            return claim_id, granted
    return None, False


def hand_claim_for(record: SettlementRecord) -> Claim | None:
    """The member's own live claim for the same stay (or birth), if any: the feed's match."""
    claim_id, _granted = claimed_by_hand(
        stays_claimed_by_hand([record.member_id]).get(record.member_id, []),
        category=record.category,
        admission=record.admission,
        discharge=record.discharge,
        serial=record.serial,
    )
    return None if claim_id is None else Claim.objects.get(pk=claim_id)


def on_notice_confirmed(notice: BenefitNotice) -> None:
    """Called once, inside the confirming transaction, after the notice became confirmed."""
    record = notice.record
    hand = hand_claim_for(record)
    if hand is not None:
        _link(notice, hand)
        return
    if notice.total <= 0:
        return  # only the pathology report is asked for: nothing to pay from the record
    claim = claim_services.claim_file_from_record(
        actor=notice.confirmed_by,
        member=notice.member,
        record_id=record.pk,
        facts=record_facts(record),
        note=_("Made from settlement record %(serial)s, confirmed by the member.")
        % {"serial": record.serial},
    )
    _link(notice, claim)
    claim_services.claim_approve_straight_through(
        claim=claim, up_to=straight_through_up_to(record.federation_id)
    )


def _link(notice: BenefitNotice, claim: Claim) -> None:
    BenefitNotice.objects.filter(pk=notice.pk, claim__isnull=True).update(claim=claim)
    notice.claim = claim


@transaction.atomic
def on_claim_submitted(sender, claim: Claim, **kwargs) -> None:
    """A stay filed by hand meets every notice waiting for it (a transfer between hospitals
    is several settlements): they are merged into the claim, unless its own settlement was
    reversed (it can no longer be approved, and the new settlement is paid on its own)."""
    if claim.event_type not in (EventType.INPATIENT, EventType.BIRTH):
        return
    if claim.settlement_reversed_at is not None:
        return
    same = Q(record__serial=claim.settlement_serial) if claim.settlement_serial else Q()
    if claim.event_type == EventType.BIRTH:
        same |= Q(
            record__category=Category.MATERNITY,
            discharge__gte=claim.birth_date - BIRTH_SLACK,
            discharge__lte=claim.birth_date + BIRTH_SLACK,
        )
    else:
        # As the feed matches: a record without an admission date is its discharge day.
        same |= Q(
            record__category=Category.INPATIENT,
            discharge__gte=claim.admission,
            first_day__lte=claim.discharge,
        )
    notices = list(
        BenefitNotice.objects.select_for_update(of=("self",))
        .annotate(first_day=Coalesce("record__admission", "discharge"))
        .filter(same, member_id=claim.member_id, status=NoticeStatus.PENDING)
        .order_by("id")
    )
    note = _("The member filed this stay by hand as %(reference)s; it is one claim.") % {
        "reference": claim.reference
    }
    for notice in notices:
        notices_service.notice_move(notice=notice, to=NoticeStatus.MERGED, note=note, claim=claim)


@transaction.atomic
def on_claim_rejected(sender, claim: Claim, reason: str, **kwargs) -> None:
    """A hand-filed claim that records were merged into (or joined on confirming) was
    rejected: those records' benefits wait for the member again, told by SMS, unless the
    rejection was for the settlement's reversal or a duplicate."""
    if reason == SETTLEMENT_REVERSED and claim.paid_at is None:
        # Withdrawn before any money went out: nothing to ask back.
        Recovery.objects.filter(notice__claim=claim, status=RecoveryStatus.OPEN).update(
            status=RecoveryStatus.WAIVED,
            closed_at=timezone.now(),
            note=_("The claim was withdrawn before it was paid; nothing to recover."),
        )
    if claim.channel == Channel.RECORD or reason in FINAL_REJECTIONS:
        return
    notices = list(
        BenefitNotice.objects.select_for_update()
        .filter(claim=claim, status__in=(NoticeStatus.MERGED, NoticeStatus.CONFIRMED))
        .order_by("id")
    )
    note = _(
        "%(reference)s, filed by hand, was not approved; the benefit found in the record waits for the member again."
    ) % {"reference": claim.reference}
    for notice in notices:
        notices_service.notice_move(
            notice=notice,
            to=NoticeStatus.PENDING,
            note=note,
            claim=None,
            confirmed_at=None,
            confirmed_by=None,
            notified_at=None,
            reminded_at=None,
            created_at=timezone.now(),  # waiting anew: reminders and expiry count from today
        )
    if notices:
        transaction.on_commit(
            lambda: notices_service.benefit_notices_notify(
                notice_ids=[notice.pk for notice in notices]
            )
        )
