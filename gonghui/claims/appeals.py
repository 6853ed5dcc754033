"""The claims app's appeal hook (appeals.registry): a member can appeal a reviewer's rejection
of their claim once; upheld, the claim goes back to review through claim_reopen_on_appeal.
The refused decision is the rejection's event row. A withdrawal by the system (the bureau
reversed the settlement) is not a reviewer's decision and cannot be appealed."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.appeals.registry import Refusal
from gonghui.claims.models import ClaimEvent, ClaimStatus
from gonghui.claims.services.computing import SETTLEMENT_REVERSED
from gonghui.claims.services.review import REJECT_REASONS, claim_reopen_on_appeal

KIND = "claims.rejection"


def _as_refusal(event: ClaimEvent) -> Refusal:
    claim = event.claim
    text = str(REJECT_REASONS.get(event.reason, event.reason)) if event.reason else ""
    return Refusal(
        kind=KIND,
        object_id=event.pk,
        member=claim.member,
        refused_by=event.actor,
        refused_at=event.at,
        title=_("Claim %(reference)s (%(what)s) not approved")
        % {"reference": claim.reference, "what": claim.get_event_type_display()},
        reason="；".join(filter(None, [text, event.note])),
        member_url=reverse("claims_portal:detail", args=[claim.pk]),
        staff_url=reverse("staff:claims_detail", args=[claim.pk]),
    )


def _appealable(event: ClaimEvent | None) -> bool:
    return (
        event is not None
        and event.new_status == ClaimStatus.REJECTED
        and event.actor_id is not None
        and event.reason != SETTLEMENT_REVERSED
        and event.claim.status == ClaimStatus.REJECTED
        and event.claim.events.order_by("-at", "-id").values_list("pk", flat=True).first()
        == event.pk
    )


def refusal(object_id: int) -> Refusal | None:
    """The rejection event, while it is still the claim's last word."""
    event = (
        ClaimEvent.objects.select_related("claim__member__union", "actor")
        .filter(pk=object_id)
        .first()
    )
    return _as_refusal(event) if _appealable(event) else None


def refusals_of(member) -> list[Refusal]:
    found = []
    for claim in member.claims.filter(status=ClaimStatus.REJECTED):
        event = (
            claim.events.select_related("claim__member__union", "actor")
            .order_by("-at", "-id")
            .first()
        )
        if _appealable(event):
            found.append(_as_refusal(event))
    return found


def uphold(*, actor, refusal: Refusal, appeal) -> None:
    event = ClaimEvent.objects.select_related("claim").get(pk=refusal.object_id)
    claim_reopen_on_appeal(
        actor=actor,
        claim=event.claim,
        note=_("Appeal %(reference)s upheld: the claim is reviewed again.")
        % {"reference": appeal.reference},
    )
