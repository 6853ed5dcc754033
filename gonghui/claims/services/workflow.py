"""The claim state machine: the one check of a move (claim_check_transition), the move itself
as a conditional update with its event row in the same transaction (claim_transition), and
the SMS the member is sent through the notify outbox once the move has committed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.claims import access, sms
from gonghui.claims.deadlines import claim_deadline_follow
from gonghui.claims.models import TRANSITIONS, Claim, ClaimEvent, ClaimStatus
from gonghui.claims.selectors import claims_visible_to, sms_template_text
from gonghui.notify.services import sms_send
from gonghui.orgs.models import Member


def claim_check_transition(old: str, new: str) -> None:
    """Raises on a move the transitions table does not allow."""
    if new not in TRANSITIONS.get(old, frozenset()):
        raise ValidationError(
            _("A claim cannot go from “%(old)s” to “%(new)s”.")
            % {"old": ClaimStatus(old).label, "new": ClaimStatus(new).label},
            code="bad_transition",
        )


@transaction.atomic
def claim_transition(
    *,
    actor,
    claim: Claim,
    to: str,
    note: str = "",
    reason: str = "",
    materials=(),
    on_behalf: bool = False,
    **fields,
) -> ClaimEvent:
    """Move the claim from the state it was read in to `to`. The update only matches while the
    claim is still in that state, so of two concurrent moves exactly one succeeds."""
    old = claim.status
    claim_check_transition(old, to)
    now = timezone.now()
    values = {"status": to, "status_changed_at": now, **fields}
    if to == ClaimStatus.SUBMITTED and claim.submitted_at is None:
        values["submitted_at"] = now
    if to == ClaimStatus.APPROVED:
        values["approved_at"] = now
    if to == ClaimStatus.PAID:
        values["paid_at"] = now
    if not Claim.objects.filter(pk=claim.pk, status=old).update(**values):
        raise ValidationError(
            _("Someone else changed this claim meanwhile; please reload it."), code="changed"
        )
    for name, value in values.items():
        setattr(claim, name, value)
    claim_deadline_follow(claim, to)
    return ClaimEvent.objects.create(
        claim=claim,
        old_status=old,
        new_status=to,
        actor=actor,
        note=note.strip(),
        reason=reason,
        materials=list(materials),
        on_behalf=on_behalf,
    )


def claim_notify(*, claim: Claim, kind: str, **values) -> None:
    """Queue the SMS of `kind` to the member, sent when the transaction commits."""
    member = claim.member
    if not member.mobile:
        return
    text = sms.render(
        sms_template_text(kind), name=member.name, reference=claim.reference, **values
    )
    transaction.on_commit(
        lambda: sms_send(mobile=member.mobile, text=text, kind=kind, member=member)
    )


def claim_lock(claim: Claim) -> Claim:
    """The claim re-read in place under row locks, its member's row first: decisions on one
    member's claims are serialised, so caps and duplicates are judged on settled data
    (PostgreSQL; SQLite serialises writers anyway)."""
    member_lock(claim.member_id)
    claim.refresh_from_db(from_queryset=Claim.objects.select_for_update())
    return claim


def member_lock(member_id: int) -> None:
    """The member's row locked for the transaction: every decision on one member's claims
    takes it first (PostgreSQL; SQLite serialises writers anyway)."""
    list(Member.objects.select_for_update().filter(pk=member_id).values_list("pk"))


def check_reviewer(actor, claim: Claim) -> None:
    if not access.can_review(actor) or not claims_visible_to(actor).filter(pk=claim.pk).exists():
        raise PermissionDenied(_("Only county reviewers may review claims."))
    if claim.filed_by_id == actor.pk:
        raise PermissionDenied(_("You filed this claim; another reviewer must review it."))
