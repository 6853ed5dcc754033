"""The claims app's appeal hook (appeals.registry): a member can appeal a reviewer's rejection
of their claim once; upheld, the claim goes back to review through claim_reopen_on_appeal.
The refused decision is the rejection's event row. A withdrawal by the system (the bureau
reversed the settlement) is not a reviewer's decision and cannot be appealed."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.appeals.adapters import EventRefusals
from gonghui.claims.models import ClaimEvent, ClaimStatus
from gonghui.claims.services.computing import SETTLEMENT_REVERSED
from gonghui.claims.services.review import REJECT_REASONS, claim_reopen_on_appeal

KIND = "claims.rejection"


class ClaimRejections(EventRefusals):
    kind = KIND
    event_model = ClaimEvent
    subject = "claim"
    of_member = "claims"
    refused_status = ClaimStatus.REJECTED
    upheld_note = gettext_lazy("Appeal %(reference)s upheld: the claim is reviewed again.")

    def is_refusal(self, event: ClaimEvent) -> bool:
        return event.new_status == ClaimStatus.REJECTED and event.reason != SETTLEMENT_REVERSED

    def describe(self, event: ClaimEvent) -> dict:
        claim = event.claim
        text = str(REJECT_REASONS.get(event.reason, event.reason)) if event.reason else ""
        return {
            "title": _("Claim %(reference)s (%(what)s) not approved")
            % {"reference": claim.reference, "what": claim.get_event_type_display()},
            "reason": "；".join(filter(None, [text, event.note])),
            "member_url": reverse("claims_portal:detail", args=[claim.pk]),
            "staff_url": reverse("staff:claims_detail", args=[claim.pk]),
        }

    def undo(self, *, actor, event: ClaimEvent, note: str) -> None:
        claim_reopen_on_appeal(actor=actor, claim=event.claim, note=note)


REJECTIONS = ClaimRejections()
