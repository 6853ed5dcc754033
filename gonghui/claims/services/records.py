"""Claims made from the medical-insurance bureau's settlement records: the member confirmed a
benefit the union found for them (主动告知), so the claim is made and sent at once from the
record's facts, with nothing to upload and no form to sign (the tap is the application). It
is approved straight through when every automatic check passes and the amount is not above
the federation's limit; otherwise a reviewer takes it like any claim. The system (no actor)
is named in the event rows of what it decided."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.claims.models import (
    GRANTED_STATUSES,
    REVIEW_STATUSES,
    TRANSITIONS,
    Channel,
    Claim,
    ClaimStatus,
    ComputationCause,
    Finding,
    SmsKind,
)
from gonghui.claims.selectors import duplicate_claims
from gonghui.claims.services.computing import SETTLEMENT_REVERSED, before_changed, claim_compute
from gonghui.claims.services.filing import _apply_facts
from gonghui.claims.services.review import second_approval_threshold
from gonghui.claims.services.workflow import (
    claim_lock,
    claim_notify,
    claim_transition,
    member_lock,
)
from gonghui.claims.signals import claim_rejected
from gonghui.core.money import fmt_yuan
from gonghui.notify.services import sms_send
from gonghui.orgs.models import Member


@transaction.atomic
def claim_file_from_record(
    *, actor, member: Member, record_id: int, facts: dict, note: str
) -> Claim:
    """The claim of a confirmed benefit notice, sent and checked: it ends in review."""
    if not roles.is_member(actor) or member.user_id != actor.pk:
        raise PermissionDenied(_("Only the member may confirm their own benefit."))
    # Decisions on one member's claims are serialised (claim_lock): the member row first.
    member_lock(member.pk)
    claim = Claim(
        member=member, filed_by=actor, channel=Channel.RECORD, settlement_record_id=record_id
    )
    _apply_facts(claim, facts)
    claim.save()
    claim_transition(actor=actor, claim=claim, to=ClaimStatus.SUBMITTED, note=note)
    computation = claim_compute(actor=None, claim=claim, cause=ComputationCause.SUBMISSION)
    findings = computation.findings.count()
    claim_transition(
        actor=None,
        claim=claim,
        to=ClaimStatus.IN_REVIEW,
        note=_("Automatic checks: %(n)d point(s) for the reviewer.") % {"n": findings}
        if findings
        else _("Automatic checks passed."),
    )
    return claim


def straight_through_refusal(claim: Claim, up_to: Decimal) -> str:
    """Why this claim cannot be approved without a reviewer; empty when it can."""
    if claim.channel != Channel.RECORD:
        return _("It was not made from a settlement record.")
    if claim.status != ClaimStatus.IN_REVIEW:
        return _("It is not waiting for review.")
    if claim.computation is None or claim.computation.findings.exists():
        return _("An automatic check did not pass.")
    if claim.amount <= 0:
        return _("Nothing is payable.")
    if claim.amount > up_to:
        return _("%(amount)s yuan is above the limit of %(limit)s yuan.") % {
            "amount": fmt_yuan(claim.amount),
            "limit": fmt_yuan(up_to),
        }
    if claim.amount > second_approval_threshold():
        return _("It needs two reviewers.")
    if duplicate_claims(claim).exists():
        return _("The same stay is claimed elsewhere.")
    return ""


@transaction.atomic
def claim_approve_straight_through(*, claim: Claim, up_to: Decimal) -> bool:
    """Approve a record's claim without a reviewer when straight_through_refusal finds
    nothing; otherwise leave it in review and tell the member it was received."""
    claim = claim_lock(claim)
    if claim.status == ClaimStatus.IN_REVIEW and before_changed(claim):
        # Another claim of the member was granted meanwhile: the caps are judged anew.
        claim_compute(actor=None, claim=claim, cause=ComputationCause.APPROVAL)
    refusal = straight_through_refusal(claim, up_to)
    if refusal:
        claim_notify(claim=claim, kind=SmsKind.SUBMITTED)
        return False
    claim_transition(
        actor=None,
        claim=claim,
        to=ClaimStatus.APPROVED,
        note=_(
            "Approved without a reviewer: made from the bureau's settlement record, every "
            "automatic check passed and %(amount)s yuan is not above %(limit)s yuan."
        )
        % {"amount": fmt_yuan(claim.amount), "limit": fmt_yuan(up_to)},
    )
    claim_notify(claim=claim, kind=SmsKind.APPROVED, amount=fmt_yuan(claim.amount))
    return True


WITHDRAWN, TO_RECOVER, FLAGGED = "withdrawn", "to_recover", "flagged"


@transaction.atomic
def claim_settlement_reversed(*, claim: Claim, serial: str, whole: bool) -> str:
    """The bureau reversed a settlement this claim rests on. `whole`: it was the claim's only
    settlement (not one of several records of a stay filed by hand). Returns what became of
    the claim:
    - TO_RECOVER: it is paid, being paid or (a part only) about to be: recover (追回) what
      the settlement paid for;
    - WITHDRAWN: its whole settlement is gone before payment, and it was made from the
      record or already approved: rejected by the system, and the member told why;
    - FLAGGED: filed by hand and still with its reviewer (who may no longer approve it when
      its whole settlement is gone), or only a part of it reversed;
    - "" when it was rejected already.
    A claim whose whole settlement is reversed no longer holds the stay, and its settlement
    lines no longer fill the caps (Claim.settlement_reversed_at)."""
    claim = claim_lock(claim)
    if claim.status == ClaimStatus.REJECTED:
        return ""
    text = _("The medical insurance bureau reversed settlement %(serial)s.") % {"serial": serial}
    if not whole:
        if claim.status in GRANTED_STATUSES:
            return TO_RECOVER
        _flag(claim, text)
        return FLAGGED
    now = timezone.now()
    Claim.objects.filter(pk=claim.pk).update(settlement_reversed_at=now)
    claim.settlement_reversed_at = now
    if claim.status in (ClaimStatus.IN_PAYOUT_BATCH, ClaimStatus.PAID):
        return TO_RECOVER
    withdraw = claim.channel == Channel.RECORD or claim.status not in REVIEW_STATUSES
    if withdraw and ClaimStatus.REJECTED in TRANSITIONS[claim.status]:
        claim_transition(
            actor=None, claim=claim, to=ClaimStatus.REJECTED, reason=SETTLEMENT_REVERSED, note=text
        )
        claim_rejected.send(sender=Claim, claim=claim, reason=SETTLEMENT_REVERSED)
        member = claim.member
        if member.mobile:
            message = _(
                "The medical insurance bureau withdrew the settlement of your hospital "
                "stay, so this mutual-aid benefit is not paid for now; the union will tell you "
                "again when the bureau settles it anew."
            )
            transaction.on_commit(
                lambda: sms_send(
                    mobile=member.mobile, text=message, kind="claim_withdrawn", member=member
                )
            )
        return WITHDRAWN
    _flag(claim, text)
    return FLAGGED


def _flag(claim: Claim, text: str) -> None:
    """A finding on the current computation, for the reviewer."""
    if claim.computation_id is not None:
        Finding.objects.create(
            computation_id=claim.computation_id, code=SETTLEMENT_REVERSED, text=text
        )
