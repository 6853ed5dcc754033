"""Staff corrections: an adjust entry with the reason and who made it. Above the threshold
(points or coins) a second staff member approves before anything is posted (four eyes)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.db import write_transaction
from gonghui.points import access
from gonghui.points.models import Adjustment, AdjustStatus, EntryKind
from gonghui.points.services import ledger


def thresholds() -> tuple[int, int]:
    """(points, coins) an adjustment may move without a second approval."""
    return (
        getattr(settings, "POINTS_ADJUST_FOUR_EYES_POINTS", 100),
        getattr(settings, "POINTS_ADJUST_FOUR_EYES_COINS", 10),
    )


def _post(adjustment: Adjustment, actor):
    return ledger.post(
        member=adjustment.member,
        kind=EntryKind.ADJUST,
        key=f"adjust:{adjustment.pk}",
        reason=adjustment.reason,
        points=adjustment.points,
        coins=adjustment.coins,
        source="adjustment",
        source_id=adjustment.pk,
        actor=actor,
    )[0]


def adjust_request(*, actor, member, points: int = 0, coins: int = 0, reason: str) -> Adjustment:
    if not access.can_adjust(actor) or not access.sees_member(actor, member):
        raise PermissionDenied(_("You may not adjust this member's points."))
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = _("Give the reason for the correction.")
    if not points and not coins:
        errors["points"] = _("Give the points or coins to add (or take, with a minus sign).")
    if errors:
        raise ValidationError(errors, code="invalid")
    max_points, max_coins = thresholds()
    needs_second = abs(points) > max_points or abs(coins) > max_coins
    with write_transaction():
        adjustment = Adjustment.objects.create(
            member=member,
            points=points,
            coins=coins,
            reason=reason[:255],
            requested_by=actor,
            status=AdjustStatus.PENDING if needs_second else AdjustStatus.APPLIED,
        )
        if not needs_second:
            _post(adjustment, actor)
    return adjustment


def adjust_decide(*, actor, adjustment: Adjustment, approve: bool) -> Adjustment:
    """The second staff member approves (the entry is posted) or rejects."""
    if not access.can_approve(actor) or not access.sees_member(actor, adjustment.member):
        raise PermissionDenied(_("You may not approve this correction."))
    if actor.pk == adjustment.requested_by_id:
        raise PermissionDenied(_("A correction is approved by someone other than its author."))
    target = AdjustStatus.APPLIED if approve else AdjustStatus.REJECTED
    with write_transaction():
        moved = Adjustment.objects.filter(pk=adjustment.pk, status=AdjustStatus.PENDING).update(
            status=target, decided_by=actor, decided_at=timezone.now()
        )
        if not moved:
            raise ValidationError(_("This correction was decided already."), code="decided")
        adjustment.refresh_from_db()
        if approve:
            _post(adjustment, actor)
    return adjustment
