"""Where a benefit notice meets the claims workflow (never twice: one stay, one claim).

- The member confirms a notice: if they already filed the same stay by hand, the notice joins
  that claim; otherwise a claim is made from the record and sent at once, approved straight
  through when every check passes and the amount is not above the federation's limit
  (LinkSettings), else queued for a reviewer.
- The member files a stay by hand while a notice for it waits: the notice is merged into the
  claim (claims.signals.claim_submitted).
- The feed finds a stay the member already filed by hand: its notice is made merged
  (services.feed, with stays_claimed_by_hand below).
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.claims import services as claim_services
from gonghui.claims.models import Claim, ClaimStatus, EventType, Place
from gonghui.medinsure.models import (
    DEFAULT_STRAIGHT_THROUGH_UP_TO,
    BenefitNotice,
    Category,
    LinkSettings,
    NoticeEvent,
    NoticeStatus,
    SettlementRecord,
)
from gonghui.medinsure.models import Place as RecordPlace

# What a hand-filed claim must be to meet a record: sent and not rejected.
LIVE_HAND_CLAIMS = Q(status__in=set(ClaimStatus.values) - {ClaimStatus.DRAFT, ClaimStatus.REJECTED})
# A birth the bureau settles within this many days of the date the member gave is the same.
BIRTH_SLACK = datetime.timedelta(days=31)


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
        return {"event_type": EventType.BIRTH, "birth_date": record.discharge}
    return {
        "event_type": EventType.INPATIENT,
        "hospital": record.hospital or _("(hospital not named in the settlement record)"),
        "settlement_serial": record.serial,
        "admission": record.admission or record.discharge,
        "discharge": record.discharge,
        "place": Place.ELSEWHERE if record.place == RecordPlace.ELSEWHERE else Place.LOCAL,
        "self_responsibility": record.self_responsibility,
    }


def _same_stay(record: SettlementRecord) -> Q:
    if record.category == Category.MATERNITY:
        return Q(
            event_type=EventType.BIRTH,
            birth_date__gte=record.discharge - BIRTH_SLACK,
            birth_date__lte=record.discharge + BIRTH_SLACK,
        )
    return Q(settlement_serial=record.serial) | Q(
        event_type=EventType.INPATIENT,
        admission__lte=record.discharge,
        discharge__gte=record.admission or record.discharge,
    )


def hand_claim_for(record: SettlementRecord) -> Claim | None:
    """The member's own live claim for the same stay (or birth), if any."""
    return (
        Claim.objects.filter(LIVE_HAND_CLAIMS, _same_stay(record), member_id=record.member_id)
        .exclude(channel="record")
        .order_by("id")
        .first()
    )


def stays_claimed_by_hand(member_ids) -> dict[int, list[tuple]]:
    """For the feed: each member's live hand-filed claims as (claim id, event type, first
    day, last day, serial); one query for a chunk of members."""
    claimed: dict[int, list[tuple]] = {}
    rows = (
        Claim.objects.filter(
            LIVE_HAND_CLAIMS,
            member_id__in=list(member_ids),
            event_type__in=(EventType.INPATIENT, EventType.BIRTH),
        )
        .exclude(channel="record")
        .values_list(
            "member_id",
            "id",
            "event_type",
            "admission",
            "discharge",
            "birth_date",
            "settlement_serial",
        )
        .order_by("id")
    )
    for member_id, claim_id, event_type, admission, discharge, birth_date, serial in rows:
        if event_type == EventType.BIRTH:
            first, last = birth_date - BIRTH_SLACK, birth_date + BIRTH_SLACK
        else:
            first, last = admission, discharge
        claimed.setdefault(member_id, []).append((claim_id, event_type, first, last, serial))
    return claimed


def claimed_by_hand(claimed: list[tuple], *, category, admission, discharge, serial):
    """The id of the hand-filed claim (from stays_claimed_by_hand) for this record, or None."""
    wanted = EventType.BIRTH if category == Category.MATERNITY else EventType.INPATIENT
    for claim_id, event_type, first, last, claim_serial in claimed:
        if event_type != wanted:
            continue
        if serial and claim_serial == serial:
            return claim_id
        if wanted == EventType.BIRTH and first <= discharge <= last:
            return claim_id
        if (
            wanted == EventType.INPATIENT
            and first <= discharge
            and last >= (admission or discharge)
        ):
            return claim_id
    return None


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
    """A stay filed by hand meets the notice waiting for it: the notice is merged."""
    if claim.event_type not in (EventType.INPATIENT, EventType.BIRTH):
        return
    if BenefitNotice.objects.filter(claim=claim).exists():
        return
    same = Q(record__serial=claim.settlement_serial) if claim.settlement_serial else Q()
    if claim.event_type == EventType.BIRTH:
        same |= Q(
            record__category=Category.MATERNITY,
            discharge__gte=claim.birth_date - BIRTH_SLACK,
            discharge__lte=claim.birth_date + BIRTH_SLACK,
        )
    else:
        same |= Q(
            record__category=Category.INPATIENT,
            discharge__gte=claim.admission,
            record__admission__lte=claim.discharge,
        )
    notice = (
        BenefitNotice.objects.select_for_update()
        .filter(same, member_id=claim.member_id, status=NoticeStatus.PENDING)
        .order_by("id")
        .first()
    )
    if notice is None:
        return
    now = timezone.now()
    if BenefitNotice.objects.filter(pk=notice.pk, status=NoticeStatus.PENDING).update(
        status=NoticeStatus.MERGED, claim=claim
    ):
        NoticeEvent.objects.create(
            notice=notice,
            old_status=NoticeStatus.PENDING,
            new_status=NoticeStatus.MERGED,
            at=now,
            note=(
                _("The member filed this stay by hand as %(reference)s; it is one claim.")
                % {"reference": claim.reference}
            )[:255],
        )
