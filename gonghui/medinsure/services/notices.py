"""The member's answer to a notice, telling and reminding by SMS, expiry, and recoveries."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.core.money import fmt_yuan
from gonghui.medinsure import access, handoff
from gonghui.medinsure.models import (
    NOTICE_TRANSITIONS,
    RECOVERY_TRANSITIONS,
    BenefitNotice,
    NoticeEvent,
    NoticeKind,
    NoticeStatus,
    Recovery,
    RecoveryStatus,
)
from gonghui.notify.services import sms_send
from gonghui.orgs.models import Member
from gonghui.orgs.services import member_bank_card_confirm

CHUNK = 5000


def notice_check_transition(old: str, new: str) -> None:
    """The one check of the notice workflow; raises on a move the table does not allow."""
    if new not in NOTICE_TRANSITIONS.get(old, frozenset()):
        raise ValidationError(
            _("A notice cannot go from “%(old)s” to “%(new)s”.")
            % {"old": NoticeStatus(old).label, "new": NoticeStatus(new).label},
            code="bad_transition",
        )


def notice_move(*, notice: BenefitNotice, to: str, actor=None, note: str = "", **fields) -> bool:
    """Move one notice from the state it was read in to `to`, with its event row; False when
    it had moved meanwhile (the update only matches the state it was read in)."""
    old = notice.status
    notice_check_transition(old, to)
    if not BenefitNotice.objects.filter(pk=notice.pk, status=old).update(status=to, **fields):
        return False
    NoticeEvent.objects.create(
        notice=notice,
        old_status=old,
        new_status=to,
        actor=actor,
        at=fields.get("confirmed_at") or timezone.now(),
        note=note[:255],
    )
    return True


@transaction.atomic
def benefit_notice_confirm(
    *, actor, notice: BenefitNotice, bank_card: str = "", bank_name: str = ""
) -> BenefitNotice:
    """The member confirms the bank card on file (or corrects it) and so claims the benefit:
    nothing to upload for INPATIENT and MATERNITY. The notice becomes confirmed and the
    claims hand-off is called (handoff.on_notice_confirmed)."""
    # The member row first, as every decision on a member's claims (and a feed's reversals)
    # takes it: no deadlock with an import cancelling this notice.
    member = Member.objects.select_for_update().get(pk=notice.member_id)
    if not roles.is_member(actor) or member.user_id != actor.pk:
        raise PermissionDenied(_("Only the member may confirm their own benefit."))
    if notice.status == NoticeStatus.MERGED:
        raise ValidationError(
            _("You applied for this stay yourself; there is nothing more to confirm."),
            code="merged",
        )
    notice_check_transition(notice.status, NoticeStatus.CONFIRMED)
    note = ""
    if bank_card.strip():
        before = member.bank_card_masked
        member = member_bank_card_confirm(
            actor=actor, member=member, bank_card=bank_card, bank_name=bank_name
        )
        if member.bank_card_masked != before:
            note = _("Bank card corrected by the member: %(card)s.") % {
                "card": member.bank_card_masked
            }
    if not member.bank_card:
        raise ValidationError(
            _("There is no bank card on file; please enter the card the money should go to."),
            code="no_card",
        )
    moved = notice_move(
        notice=notice,
        to=NoticeStatus.CONFIRMED,
        actor=actor,
        note=note,
        confirmed_at=timezone.now(),
        confirmed_by=actor,
        bank_card_masked=member.bank_card_masked,
    )
    if not moved:
        raise ValidationError(_("This benefit is no longer waiting for you."), code="stale")
    notice.refresh_from_db()
    handoff.on_notice_confirmed(notice)
    return notice


# --- telling and reminding -----------------------------------------------------------------


def notice_sms_text(notice: BenefitNotice, *, reminder: bool = False) -> str:
    amount = fmt_yuan(notice.total)
    if reminder:
        return _(
            "Reminder: your workers' medical mutual-aid benefit of about %(amount)s "
            "yuan is still waiting. Sign in to the member pages, open “Benefits to collect” "
            "and confirm your bank card."
        ) % {"amount": amount}
    if notice.kind == NoticeKind.NEEDS_PATHOLOGY_REPORT:
        return _(
            "You have a workers' medical mutual-aid benefit to collect, about "
            "%(amount)s yuan. Your diagnosis may also qualify for the critical illness or "
            "female special disease benefit: a pathology report is needed. Sign in to the "
            "member pages and open “Benefits to collect”."
        ) % {"amount": amount}
    return _(
        "You have a workers' medical mutual-aid benefit to collect, about %(amount)s "
        "yuan. Sign in to the member pages, open “Benefits to collect” and confirm your bank "
        "card; nothing to upload."
    ) % {"amount": amount}


def benefit_notices_notify(*, batch_id: int | None = None, notice_ids=None) -> int:
    """One SMS per pending notice not yet sent (never twice: `notified_at` is set by a
    conditional update before the SMS is written). Returns how many were sent."""
    notices = (
        BenefitNotice.objects.filter(status=NoticeStatus.PENDING, notified_at__isnull=True)
        .exclude(member__mobile="")
        .select_related("member")
        .order_by("id")
    )
    if batch_id is not None:
        notices = notices.filter(batch_id=batch_id)
    if notice_ids is not None:
        notices = notices.filter(id__in=list(notice_ids))
    sent = 0
    for notice in notices.iterator(chunk_size=1000):
        if _send_once(notice, "notified_at", kind="benefit_notice", text=notice_sms_text(notice)):
            sent += 1
    return sent


def benefit_notices_remind(*, days: int, now=None) -> int:
    """One reminder SMS for each notice pending longer than `days` days, never twice
    (`reminded_at` set by a conditional update). Returns how many were sent."""
    if days < 0:
        raise ValidationError(_("The number of days cannot be negative."))
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=days)
    candidates = (
        BenefitNotice.objects.filter(
            status=NoticeStatus.PENDING, reminded_at__isnull=True, created_at__lte=cutoff
        )
        .exclude(member__mobile="")
        .select_related("member")
        .order_by("id")
    )
    sent = 0
    for notice in candidates.iterator(chunk_size=1000):
        if _send_once(
            notice,
            "reminded_at",
            kind="benefit_reminder",
            text=notice_sms_text(notice, reminder=True),
            now=now,
        ):
            sent += 1
    return sent


def _send_once(notice: BenefitNotice, stamp: str, *, kind: str, text: str, now=None) -> bool:
    with transaction.atomic():
        claimed = BenefitNotice.objects.filter(
            pk=notice.pk, status=NoticeStatus.PENDING, **{f"{stamp}__isnull": True}
        ).update(**{stamp: now or timezone.now()})
        if not claimed:
            return False
        sms_send(mobile=notice.member.mobile, text=text, kind=kind, member=notice.member)
    return True


def benefit_notices_expire(*, after_days: int, now=None) -> int:
    """Notices still pending `after_days` days after they were found expire."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=after_days)
    notice_check_transition(NoticeStatus.PENDING, NoticeStatus.EXPIRED)
    expired = 0
    stale = BenefitNotice.objects.filter(status=NoticeStatus.PENDING, created_at__lte=cutoff)
    while True:
        ids = list(stale.order_by("id").values_list("id", flat=True)[:CHUNK])
        if not ids:
            return expired
        with transaction.atomic():
            moved = list(
                BenefitNotice.objects.filter(id__in=ids, status=NoticeStatus.PENDING).values_list(
                    "id", flat=True
                )
            )
            BenefitNotice.objects.filter(id__in=moved, status=NoticeStatus.PENDING).update(
                status=NoticeStatus.EXPIRED, closed_at=now
            )
            NoticeEvent.objects.bulk_create(
                NoticeEvent(
                    notice_id=notice_id,
                    old_status=NoticeStatus.PENDING,
                    new_status=NoticeStatus.EXPIRED,
                    at=now,
                    note=_("Not confirmed within %(days)d days.") % {"days": after_days},
                )
                for notice_id in moved
            )
        expired += len(moved)


# --- recoveries ----------------------------------------------------------------------------


@transaction.atomic
def recovery_close(*, actor, recovery: Recovery, to: str, note: str = "") -> Recovery:
    """Staff record that the money came back, or that it is waived (with a reason)."""
    if not access.can_close_recoveries(actor):
        raise PermissionDenied(_("Your role may not close recoveries."))
    if to not in RECOVERY_TRANSITIONS.get(recovery.status, frozenset()):
        raise ValidationError(
            _("A recovery cannot go from “%(old)s” to “%(new)s”.")
            % {
                "old": RecoveryStatus(recovery.status).label,
                "new": RecoveryStatus(to).label if to in RecoveryStatus.values else to,
            }
        )
    note = note.strip()
    if to == RecoveryStatus.WAIVED and not note:
        raise ValidationError(_("Say why the recovery is waived."))
    moved = Recovery.objects.filter(pk=recovery.pk, status=recovery.status).update(
        status=to, closed_at=timezone.now(), closed_by=actor, note=note[:255]
    )
    if not moved:
        raise ValidationError(_("Someone else changed this recovery meanwhile; please reload."))
    recovery.refresh_from_db()
    return recovery
