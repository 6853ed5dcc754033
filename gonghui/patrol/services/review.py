"""Review: staff of the route's subtree approve (the points are posted in the same
transaction) or reject with a reason; an upheld appeal sends a rejected patrol back."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from gonghui.core.db import write_transaction
from gonghui.patrol import access, rewards
from gonghui.patrol.models import Patrol
from gonghui.patrol.services.common import move


def _may_review(actor, patrol) -> None:
    if not access.can_review(actor):
        raise PermissionDenied(_("Your role may not review patrols."))
    if not patrol.route.org.path.startswith(actor.org.path) and not (
        patrol.member.union.path.startswith(actor.org.path)
    ):
        raise PermissionDenied(_("This patrol is outside your organisation."))


def patrol_approve(*, actor, patrol: Patrol, note: str = "") -> Patrol:
    _may_review(actor, patrol)
    with write_transaction():
        # Two reviewers at once: the second waits here, then finds it approved.
        locked = (
            Patrol.objects.select_for_update().select_related("route", "member").get(pk=patrol.pk)
        )
        move(locked, "approve", actor=actor, note=note)
        rewards.earn_for(locked, actor=actor)
    patrol.status, patrol.updated_at = locked.status, locked.updated_at
    return patrol


def patrol_reject(*, actor, patrol: Patrol, reason: str) -> Patrol:
    _may_review(actor, patrol)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for not approving.")})
    with write_transaction():
        move(patrol, "reject", actor=actor, note=reason.strip())
    return patrol


def patrol_reopen_on_appeal(*, actor, patrol: Patrol, note: str) -> Patrol:
    with write_transaction():
        move(patrol, "reopen", actor=actor, note=str(note))
    return patrol
