"""Claims made from the medical-insurance bureau's settlement records: the member confirmed a
benefit the union found for them (主动告知), so the claim is made and sent at once from the
record's facts, with nothing to upload and no form to sign (the tap is the application). It
is approved straight through when every automatic check passes and the amount is not above
the federation's limit; otherwise a reviewer takes it like any claim. The system (no actor)
is named in the event rows of what it decided."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.claims.models import (
    TRANSITIONS,
    Channel,
    Claim,
    ClaimStatus,
    ComputationCause,
    SmsKind,
)
from gonghui.claims.selectors import duplicate_claims
from gonghui.claims.services.computing import claim_compute
from gonghui.claims.services.filing import _apply_facts
from gonghui.claims.services.review import SETTLEMENT_REVERSED, second_approval_threshold
from gonghui.claims.services.workflow import claim_lock, claim_notify, claim_transition
from gonghui.core.money import fmt_yuan
from gonghui.orgs.models import Member


@transaction.atomic
def claim_file_from_record(*, actor, member: Member, facts: dict, note: str) -> Claim:
    """The claim of a confirmed benefit notice, sent and checked: it ends in review."""
    if not roles.is_member(actor) or member.user_id != actor.pk:
        raise PermissionDenied(_("Only the member may confirm their own benefit."))
    claim = Claim(member=member, filed_by=actor, channel=Channel.RECORD)
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


@transaction.atomic
def claim_withdraw_reversed(*, claim: Claim, serial: str) -> bool:
    """The bureau reversed the settlement of a claim not yet granted: it is rejected by the
    system with the reason. Returns False when the claim's state does not allow it."""
    claim = claim_lock(claim)
    if ClaimStatus.REJECTED not in TRANSITIONS[claim.status]:
        return False
    reason = _("The medical insurance bureau reversed settlement %(serial)s.") % {"serial": serial}
    claim_transition(
        actor=None, claim=claim, to=ClaimStatus.REJECTED, reason=SETTLEMENT_REVERSED, note=reason
    )
    claim_notify(claim=claim, kind=SmsKind.REJECTED, reason=reason)
    return True
