"""The review deadline of a claim (the deadlines app): opened when the claim is submitted,
met when a reviewer approves, returns or rejects it. Late, it is escalated to the county
reviewers at once, and to the county administrators three working days later."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.accounts.models import Role
from gonghui.claims.models import ClaimStatus
from gonghui.deadlines.models import Unit
from gonghui.deadlines.services import TOP, Owner, Step, deadline_close, deadline_open

OWNER = "claims.claim"
PURPOSE = "review"
DECIDED = frozenset({ClaimStatus.APPROVED, ClaimStatus.REJECTED, ClaimStatus.RETURNED})
LADDER = (
    Step(level=1, roles=(Role.COUNTY_REVIEWER,), up=TOP, late_days=0),
    Step(level=2, roles=(Role.COUNTY_ADMIN,), up=TOP, late_days=3),
)


def register() -> None:
    from gonghui.deadlines.services import register_owner

    register_owner(
        OWNER,
        Owner(
            label=gettext_lazy("Claim review"),
            url=lambda pk: reverse("staff:claims_detail", args=[pk]),
        ),
    )


def claim_deadline_follow(claim, new_status: str) -> None:
    """Called by claim_transition inside its transaction."""
    if new_status == ClaimStatus.SUBMITTED:
        deadline_open(
            owner=OWNER,
            object_id=claim.pk,
            purpose=PURPOSE,
            title=_("Review of claim %(reference)s") % {"reference": claim.reference},
            org=claim.member.union,
            unit=Unit.WORKING_DAYS,
            amount=settings.CLAIM_REVIEW_WORKING_DAYS,
            ladder=LADDER,
        )
    elif new_status in DECIDED:
        deadline_close(owner=OWNER, object_id=claim.pk, purpose=PURPOSE)
