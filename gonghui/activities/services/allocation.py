"""Giving the places of a programme once its window closed: each quota pool on its own (a
fair draw when over-subscribed, in draw mode), then the places the quota pools leave unused go
to the general pool, allocated last. First-come programmes only release the unused quotas."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.activities import access, sms
from gonghui.activities.models import Allocation, Pool, Programme, Registration, RegStatus
from gonghui.activities.services.registrations import _move, _take_place, offer_next
from gonghui.core.db import write_transaction
from gonghui.draw import engine


def pool_applicants(pool: Pool) -> list[Registration]:
    """The pool's applicants in application order (ties by id): entrant n of its list."""
    return list(
        Registration.objects.filter(pool=pool, status=RegStatus.APPLIED)
        .select_related("member")
        .order_by("created_at", "id")
    )


def pool_frozen_list(pool: Pool) -> str:
    return engine.build_list((r.member.name, r.member.mobile) for r in pool_applicants(pool))


def _release_unused_quota(programme: Programme, now) -> None:
    """Each quota pool with places nobody waits for hands them to its batch's general pool."""
    quotas = Pool.objects.filter(batch__programme=programme, org__isnull=False, for_vouchers=False)
    for pool in quotas:
        if Registration.objects.filter(pool=pool, status=RegStatus.APPLIED).exists():
            continue
        unused = pool.places - pool.taken
        if unused > 0:
            Pool.objects.filter(pk=pool.pk, taken=pool.taken).update(
                places=F("places") - unused, released_at=now
            )
            Pool.objects.filter(batch_id=pool.batch_id, org__isnull=True).update(
                places=F("places") + unused
            )


def pools_over_subscribed(programme: Programme) -> list[Pool]:
    """The pools whose applicants exceed their free places: each needs its own draw. A quota
    pool counts its own places; the general pool also the places quotas leave unused."""
    result = []
    for pool in Pool.objects.filter(batch__programme=programme).select_related("org", "batch"):
        applicants = Registration.objects.filter(pool=pool, status=RegStatus.APPLIED).count()
        free = pool.places - pool.taken
        if pool.org_id is None:
            quotas = Pool.objects.filter(batch=pool.batch, org__isnull=False, for_vouchers=False)
            for quota in quotas:
                waiting = Registration.objects.filter(pool=quota, status=RegStatus.APPLIED)
                free += max(0, quota.places - quota.taken - waiting.count())
        if applicants > free:
            result.append(pool)
    return result


def _offer_in_order(pool: Pool, ordered: list[Registration], now) -> int:
    """Offer the pool's free places to the registrations in this order; the rest are ranked
    on the waiting list in the same order."""
    hours = pool.batch.programme.offer_hours
    offered, rank = [], 0
    for registration in ordered:
        if _take_place(pool):
            _move(
                registration,
                "allot",
                note=_("allocation"),
                offer_expires_at=now + datetime.timedelta(hours=hours),
            )
            offered.append(registration)
        else:
            rank += 1
            Registration.objects.filter(pk=registration.pk).update(rank=rank)
            registration.rank = rank
    return len(offered)


def _drawn_order(pool: Pool) -> list[int] | None:
    """The registration ids of the pool's draw in draw order (None: the pool has no draw)."""
    if not pool.draw_id:
        return None
    rows = pool.draw.entrants.order_by("rank").values_list("ref", flat=True)
    return [int(ref) for ref in rows]


def programme_allocate(*, actor, programme: Programme, now=None) -> int:
    """Allocate a closed programme: each over-subscribed pool by its draw's order (run and
    confirmed on the draw's pages), the others in application order. Once: a second run is
    refused. Returns the number of places offered."""
    from gonghui.draw.models import Status as DrawStatus

    now = now or timezone.now()
    if not access.can_approve(actor) or not programme.org.path.startswith(actor.org.path):
        raise PermissionDenied(_("Only the county allocates the places."))
    if now < programme.closes_at:
        raise ValidationError(_("Places are allocated once registration has closed."), code="open")
    if programme.allocation == Allocation.DRAW:
        missing = [
            p
            for p in pools_over_subscribed(programme)
            if not p.draw_id or p.draw.status != DrawStatus.DRAWN
        ]
        if missing:
            raise ValidationError(
                _("%(count)d over-subscribed pools have no confirmed draw yet.")
                % {"count": len(missing)},
                code="draw_missing",
            )
    total = 0
    notices = []
    with write_transaction():
        if not Programme.objects.filter(pk=programme.pk, allocated_at__isnull=True).update(
            allocated_at=now
        ):
            raise ValidationError(
                _("This programme has been allocated already; it is never re-run."),
                code="allocated",
            )
        programme.allocated_at = now
        if programme.allocation == Allocation.DRAW:
            pools = list(
                Pool.objects.filter(batch__programme=programme)
                .select_related("draw")
                .order_by(F("org_id").asc(nulls_last=True), "batch_id")
            )
            for pool in pools:  # quota pools first, each general pool last
                if pool.org_id is None:
                    _release_unused_quota(programme, now)
                    pool.refresh_from_db()
                applicants = pool_applicants(pool)
                order = _drawn_order(pool)
                if order is not None:
                    by_id = {r.pk: r for r in applicants}
                    if set(order) != set(by_id):
                        raise ValidationError(
                            _("The draw was made on a different list."), code="mismatch"
                        )
                    applicants = [by_id[pk] for pk in order]
                total += _offer_in_order(pool, applicants, now)
                notices.extend(applicants)
        else:
            _release_unused_quota(programme, now)
            for pool in Pool.objects.filter(batch__programme=programme, org__isnull=True):
                while offer_next(pool, now=now):
                    total += 1
    for registration in notices:
        sms.send(
            registration, "offered" if registration.status == RegStatus.OFFERED else "not_drawn"
        )
    return total
