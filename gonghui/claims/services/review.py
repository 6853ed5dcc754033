"""The reviewer's decisions: correct an input (recomputed, the correction kept), approve (with
a second, different reviewer above the threshold), reject with a reason code, or return
for specific material. Nobody reviews a claim they filed."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from gonghui.claims.models import (
    DUPLICATE_STAY,
    GRANTED_STATUSES,
    MISSING_MATERIAL,
    REVIEW_STATUSES,
    Claim,
    ClaimStatus,
    ComputationCause,
    Correction,
    MaterialKind,
    Place,
    Severity,
    SmsKind,
)
from gonghui.claims.selectors import duplicate_claims
from gonghui.claims.services.computing import (
    SETTLEMENT_REVERSED,
    before_changed,
    claim_compute,
    claim_event,
)
from gonghui.claims.services.filing import FACT_FIELDS
from gonghui.claims.services.workflow import (
    check_reviewer,
    claim_lock,
    claim_notify,
    claim_transition,
)
from gonghui.claims.signals import claim_rejected
from gonghui.core.money import fmt_yuan, round_money, to_decimal
from gonghui.mutual_aid.rules import REASONS, plans_called

OTHER_REASON = "OTHER"
# The reasons a reviewer rejects with: the engine's codes (rule-cases.md), the claims
# app's own checks, and a free one explained in the note.
REJECT_REASONS = {
    **REASONS,
    DUPLICATE_STAY: gettext_lazy("This stay has already been claimed."),
    MISSING_MATERIAL: gettext_lazy("The material needed was not provided."),
    SETTLEMENT_REVERSED: gettext_lazy("The medical insurance bureau reversed the settlement."),
    OTHER_REASON: gettext_lazy("Another reason, given in the note."),
}
# What a reviewer may correct, and how the new value is read.
CORRECTABLE = {
    "hospital": "text",
    "settlement_serial": "text",
    "admission": "date",
    "discharge": "date",
    "place": Place,
    "accident": "bool",
    "self_responsibility": "money",
    "critical": Severity,
    "female_cancer": "bool",
    "in_situ": "bool",
    "first_diagnosed": "date",
    "diagnosis": "text",
    "icd10": "text",
    "birth_date": "date",
}
TRUE_WORDS = {"1", "true", "yes", "y", "是", "对"}
FALSE_WORDS = {"0", "false", "no", "n", "否", "不是"}


def second_approval_threshold() -> Decimal:
    return settings.CLAIMS_SECOND_APPROVAL_ABOVE


def _parse(field: str, raw: str):
    kind = CORRECTABLE[field]
    raw = (raw or "").strip()
    wrong = ValidationError(
        _("“%(value)s” is not a valid value for this field.") % {"value": raw}, code="value"
    )
    if kind == "text":
        return raw
    if kind == "date":
        if not raw:
            return None
        try:
            return datetime.date.fromisoformat(raw)
        except ValueError as exc:
            raise wrong from exc
    if kind == "money":
        try:
            amount = to_decimal(raw)
        except (TypeError, ValueError) as exc:
            raise wrong from exc
        if amount < 0:
            raise wrong
        return round_money(amount)
    if kind == "bool":
        if raw.lower() in TRUE_WORDS:
            return True
        if raw.lower() in FALSE_WORDS:
            return False
        raise wrong
    if raw not in kind.values:
        raise wrong
    return raw


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return pgettext("claims", "Yes") if value else _("No")
    if isinstance(value, Decimal):
        return fmt_yuan(value)
    return str(value)


@transaction.atomic
def claim_correct(*, actor, claim: Claim, field: str, value: str, reason: str) -> Correction:
    """Correct one input with a reason; the claim is recomputed. A correction during the
    second approval withdraws the first approval: the claim goes back to review."""
    claim = claim_lock(claim)
    check_reviewer(actor, claim)
    if claim.status not in REVIEW_STATUSES:
        raise ValidationError(_("Only a claim in review can be corrected."))
    if field not in CORRECTABLE:
        raise ValidationError(_("This field cannot be corrected."), code="field")
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for the correction."), code="reason")
    new = _parse(field, value)
    old = getattr(claim, field)
    if new == old:
        raise ValidationError(_("The new value is the same as the old one."), code="same")
    setattr(claim, field, new)
    claim.plans = " ".join(plans_called(claim_event(claim)))
    claim.reviewer = claim.reviewer or actor
    claim.save(update_fields=[*FACT_FIELDS, "plans", "reviewer"])
    correction = Correction.objects.create(
        claim=claim,
        field=field,
        old_value=_shown(old),
        new_value=_shown(new),
        reason=reason,
        actor=actor,
    )
    if claim.status == ClaimStatus.AWAITING_SECOND_APPROVAL:
        claim_transition(
            actor=actor,
            claim=claim,
            to=ClaimStatus.IN_REVIEW,
            note=_("Corrected during the second approval; the first approval is withdrawn."),
            first_approver=None,
        )
    claim_compute(actor=actor, claim=claim, cause=ComputationCause.CORRECTION)
    return correction


@transaction.atomic
def claim_approve(*, actor, claim: Claim, note: str = "") -> Claim:
    """First approval, or the second one by another reviewer when the amount is above the
    threshold. Approvals of one member's claims are serialised (the member row is locked
    with the claim) and recomputed when another claim was granted meanwhile, so caps hold."""
    claim = claim_lock(claim)
    check_reviewer(actor, claim)
    if claim.settlement_reversed_at is not None:
        raise ValidationError(
            _(
                "The medical insurance bureau reversed the settlement of this stay; it cannot "
                "be paid. Reject it with that reason."
            ),
            code="reversed",
        )
    if claim.status == ClaimStatus.AWAITING_SECOND_APPROVAL:
        if claim.first_approver_id == actor.pk:
            raise PermissionDenied(_("The second approval must be given by another reviewer."))
        claim_transition(
            actor=actor, claim=claim, to=ClaimStatus.APPROVED, note=note, second_approver=actor
        )
        claim_notify(claim=claim, kind=SmsKind.APPROVED, amount=fmt_yuan(claim.amount))
        return claim
    claim_check_in_review(claim)
    granted = duplicate_claims(claim).filter(status__in=GRANTED_STATUSES).first()
    if granted is not None:
        raise ValidationError(
            _("The same stay was already granted in %(reference)s; it cannot be paid twice.")
            % {"reference": granted.reference},
            code="duplicate",
        )
    notes = [note.strip()] if note.strip() else []
    if before_changed(claim):
        old = claim.amount
        claim_compute(actor=actor, claim=claim, cause=ComputationCause.APPROVAL)
        # The member reads this note in the timeline: only a changed amount is news to them
        # (the new computation, with its cause, is kept for staff either way).
        if claim.amount != old:
            notes.append(
                _(
                    "Recomputed: another claim of this period was granted meanwhile (%(old)s → %(new)s yuan)."
                )
                % {"old": fmt_yuan(old), "new": fmt_yuan(claim.amount)}
            )
    if claim.amount <= 0:
        raise ValidationError(
            _("Nothing is payable on this claim; reject it with the reason instead."),
            code="nothing_payable",
        )
    second = claim.amount > second_approval_threshold()
    claim_transition(
        actor=actor,
        claim=claim,
        to=ClaimStatus.AWAITING_SECOND_APPROVAL if second else ClaimStatus.APPROVED,
        note=" ".join(notes),
        first_approver=actor,
        reviewer=claim.reviewer or actor,
    )
    if not second:
        claim_notify(claim=claim, kind=SmsKind.APPROVED, amount=fmt_yuan(claim.amount))
    return claim


def claim_check_in_review(claim: Claim) -> None:
    if claim.status != ClaimStatus.IN_REVIEW:
        raise ValidationError(
            _("This claim is “%(status)s”, not in review.")
            % {"status": claim.get_status_display()},
            code="changed",
        )


@transaction.atomic
def claim_reject(*, actor, claim: Claim, reason: str, note: str = "") -> Claim:
    """Reject with a reason code the member can read (and a note)."""
    claim = claim_lock(claim)
    check_reviewer(actor, claim)
    if claim.status not in REVIEW_STATUSES:
        raise ValidationError(
            _("This claim is “%(status)s”, not in review.")
            % {"status": claim.get_status_display()},
            code="changed",
        )
    if reason not in REJECT_REASONS:
        raise ValidationError(_("Choose the reason."), code="reason")
    note = note.strip()
    if reason == OTHER_REASON and not note:
        raise ValidationError(_("Explain the reason in the note."), code="note")
    claim_transition(
        actor=actor,
        claim=claim,
        to=ClaimStatus.REJECTED,
        note=note,
        reason=reason,
        reviewer=claim.reviewer or actor,
    )
    text = str(REJECT_REASONS[reason]) if reason != OTHER_REASON else ""
    claim_notify(claim=claim, kind=SmsKind.REJECTED, reason=" ".join(filter(None, [text, note])))
    claim_rejected.send(sender=Claim, claim=claim, reason=reason)
    return claim


@transaction.atomic
def claim_return(*, actor, claim: Claim, materials: list[str], note: str = "") -> Claim:
    """Send the claim back to the member asking for specific material."""
    claim = claim_lock(claim)
    check_reviewer(actor, claim)
    materials = [kind for kind in MaterialKind.values if kind in set(materials)]
    note = note.strip()
    if not materials and not note:
        raise ValidationError(_("Say which material is needed."), code="materials")
    claim_transition(
        actor=actor,
        claim=claim,
        to=ClaimStatus.RETURNED,
        note=note,
        materials=materials,
        first_approver=None,
        reviewer=claim.reviewer or actor,
    )
    labels = "、".join(str(MaterialKind(kind).label) for kind in materials)
    claim_notify(
        claim=claim, kind=SmsKind.RETURNED, materials=labels or note, note=note if labels else ""
    )
    return claim


@transaction.atomic
def claim_reopen_on_appeal(*, actor, claim: Claim, note: str) -> Claim:
    """An appeal against the rejection was upheld (by a reviewer other than the one who
    rejected): the claim goes back to review, its approvals cleared, a reviewer decides
    again. Only the appeals app calls this, through claims/appeals.py."""
    claim = claim_lock(claim)
    check_reviewer(actor, claim)
    if claim.status != ClaimStatus.REJECTED:
        raise ValidationError(
            _("This claim is “%(status)s”, not rejected.") % {"status": claim.get_status_display()},
            code="changed",
        )
    claim_transition(
        actor=actor,
        claim=claim,
        to=ClaimStatus.IN_REVIEW,
        note=note,
        reviewer=None,
        first_approver=None,
        second_approver=None,
    )
    return claim
