"""Reads of deadlines: their colour, and the lists a staff user sees (their subtree only)."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from gonghui.accounts import roles
from gonghui.deadlines.models import Deadline, Escalation

MET, GREEN, AMBER, RED = "met", "green", "amber", "red"


def state_of(deadline: Deadline, now: datetime.datetime | None = None) -> str:
    """Met; red once the due time has passed; amber when less than `amber_percent` of the
    whole span is left; green before."""
    if deadline.met_at is not None:
        return MET
    now = now or timezone.now()
    if now >= deadline.due_at:
        return RED
    span = deadline.due_at - deadline.starts_at
    if (deadline.due_at - now) * 100 < span * deadline.amber_percent:
        return AMBER
    return GREEN


def deadlines_visible_to(user) -> QuerySet[Deadline]:
    if not roles.is_staff(user):
        return Deadline.objects.none()
    return Deadline.objects.filter(org__path__startswith=user.org.path)


def late_in_subtree(user, now: datetime.datetime | None = None) -> QuerySet[Deadline]:
    """Open deadlines past due in the user's subtree, the longest late first."""
    now = now or timezone.now()
    return (
        deadlines_visible_to(user)
        .filter(met_at__isnull=True, due_at__lte=now)
        .select_related("org")
        .prefetch_related("escalations")
        .order_by("due_at", "id")
    )


def open_in_subtree(user) -> QuerySet[Deadline]:
    return (
        deadlines_visible_to(user)
        .filter(met_at__isnull=True)
        .select_related("org")
        .order_by("due_at", "id")
    )


def deadline_of(owner: str, object_id: int, purpose: str) -> Deadline | None:
    """The object's deadline for a purpose: the open one, else the one met last."""
    rows = Deadline.objects.filter(owner=owner, object_id=object_id, purpose=purpose)
    return rows.filter(met_at__isnull=True).first() or rows.order_by("-met_at", "-id").first()


def escalations_for(user) -> QuerySet[Escalation]:
    """Escalations addressed to the user's organisation and role."""
    if not roles.is_staff(user):
        return Escalation.objects.none()
    return (
        Escalation.objects.filter(told_org=user.org, told_roles__contains=f",{user.role},")
        .select_related("deadline", "deadline__org")
        .order_by("-escalated_at", "-id")
    )
