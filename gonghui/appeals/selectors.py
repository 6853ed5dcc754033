"""Reads of appeals. Staff reach the appeals of members of their subtree; a member their own."""

from django.db.models import QuerySet

from gonghui.appeals import registry
from gonghui.appeals.models import Appeal, AppealStatus
from gonghui.orgs.selectors import members_visible_to


def appeals_visible_to(user) -> QuerySet[Appeal]:
    return Appeal.objects.filter(member__in=members_visible_to(user)).select_related(
        "member__union", "filed_by", "decided_by", "refused_by"
    )


def appeal_queue(user, *, status: str = "", kind: str = "") -> QuerySet[Appeal]:
    appeals = appeals_visible_to(user)
    if status in AppealStatus.values:
        appeals = appeals.filter(status=status)
    if kind:
        appeals = appeals.filter(kind=kind)
    return appeals.order_by("-filed_at", "-id")


def appeal_of(kind: str, object_id: int) -> Appeal | None:
    return Appeal.objects.filter(kind=kind, object_id=object_id).first()


def appealable_refusals(member) -> list[registry.Refusal]:
    """The member's refusals that can still be appealed (none appealed yet), newest first."""
    found = []
    for kind in registry.all_kinds():
        found.extend(kind.refusals_of(member))
    taken = set(Appeal.objects.filter(member=member).values_list("kind", "object_id"))
    open_ones = [r for r in found if (r.kind, r.object_id) not in taken]
    return sorted(open_ones, key=lambda refusal: refusal.refused_at, reverse=True)


def can_decide(user, appeal: Appeal) -> bool:
    """A staff member of the kind's deciding roles, in scope, who did not refuse it."""
    kind = registry.get(appeal.kind)
    return (
        appeal.status == AppealStatus.FILED
        and kind is not None
        and kind.can_decide(user)
        and appeal.refused_by_id != user.pk
        and appeals_visible_to(user).filter(pk=appeal.pk).exists()
    )
