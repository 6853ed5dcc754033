"""A member's registration: apply, confirm, decline, cancel; places taken and given back; the
waiting list's offers; check-in and no-shows.

Places are counted in Pool.taken and raised only by `_take_place`, a conditional UPDATE
(`taken < places`): under any number of concurrent requests a pool is never over its places.
A member's second registration in a programme is refused by the unique constraint.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.activities import access, sms
from gonghui.activities.models import (
    Allocation,
    Batch,
    Pool,
    Registration,
    RegistrationEvent,
    RegStatus,
)
from gonghui.activities.services.programmes import ineligibility, pool_for
from gonghui.activities.workflow import check_move
from gonghui.core.db import write_transaction


def _move(registration: Registration, action: str, *, actor=None, note: str = "", **changes):
    """Move the registration by a conditional update on its current status (a second,
    concurrent move of the same registration finds it changed and is refused)."""
    source = registration.status
    target = check_move(status=source, action=action)
    changes["status"] = target
    changes["updated_at"] = timezone.now()
    moved = Registration.objects.filter(pk=registration.pk, status=source).update(**changes)
    if not moved:
        raise ValidationError(
            _("This registration was changed meanwhile; reload the page."), code="stale"
        )
    for name, value in changes.items():
        setattr(registration, name, value)
    return RegistrationEvent.objects.create(
        registration=registration,
        action=action,
        from_status=source,
        to_status=target,
        actor=actor,
        note=note[:255],
    )


def _take_place(pool: Pool) -> bool:
    return bool(Pool.objects.filter(pk=pool.pk, taken__lt=F("places")).update(taken=F("taken") + 1))


def _give_back(pool_id: int) -> None:
    Pool.objects.filter(pk=pool_id, taken__gt=0).update(taken=F("taken") - 1)


def _window_open(programme, now) -> None:
    if now < programme.opens_at:
        raise ValidationError(
            _("Registration opens at %(at)s.")
            % {"at": timezone.localtime(programme.opens_at).strftime("%Y-%m-%d %H:%M")},
            code="not_open",
        )
    if now >= programme.closes_at:
        raise ValidationError(
            _("Registration closed at %(at)s.")
            % {"at": timezone.localtime(programme.closes_at).strftime("%Y-%m-%d %H:%M")},
            code="closed",
        )


def registration_apply(*, actor, member, batch: Batch, now=None) -> Registration:
    """A member applies for a batch. First come: a place if one is left (confirmed at once),
    else the waiting list. Draw: applied, until the draw after the window closes."""
    from gonghui.core.switches import service_open_to

    now = now or timezone.now()
    programme = batch.programme
    if actor is not None and getattr(actor, "pk", None) != getattr(member.user, "pk", None):
        raise PermissionDenied(_("Members apply for themselves."))
    if actor is not None and not service_open_to(actor, "activities"):
        raise PermissionDenied(
            pgettext("activities", "Your county federation has not switched this service on.")
        )
    if not programme.self_apply:
        raise ValidationError(
            _("Places in this programme go by union nomination."), code="nomination_only"
        )
    _window_open(programme, now)
    reasons = ineligibility(batch, member, today=timezone.localdate(now))
    if reasons:
        raise ValidationError(reasons, code="ineligible")
    pool = pool_for(batch, member)
    try:
        with write_transaction():
            registration = Registration.objects.create(
                programme=programme,
                batch=batch,
                pool=pool,
                member=member,
                status=RegStatus.APPLIED,
            )
            RegistrationEvent.objects.create(
                registration=registration, action="apply", to_status=RegStatus.APPLIED, actor=actor
            )
            if programme.allocation == Allocation.FIRST_COME and _take_place(pool):
                _move(registration, "allot_now")
    except IntegrityError:
        raise ValidationError(
            _("You already hold a registration in this programme (one place per member)."),
            code="twice",
        ) from None
    if registration.status == RegStatus.CONFIRMED:
        sms.send(registration, "confirmed")
    return registration


def _mine(actor, registration) -> None:
    if actor is None:
        return
    if getattr(registration.member, "user_id", None) != actor.pk:
        raise PermissionDenied(_("This is not your registration."))


def registration_confirm(*, actor, registration: Registration, now=None) -> Registration:
    now = now or timezone.now()
    _mine(actor, registration)
    if registration.offer_expires_at and registration.offer_expires_at <= now:
        raise ValidationError(_("The offer has expired."), code="expired")
    with write_transaction():
        _move(registration, "confirm", actor=actor, offer_expires_at=None)
    sms.send(registration, "confirmed")
    return registration


def _release(registration: Registration, action: str, *, actor=None, note="", now=None) -> None:
    """A held place given back (declined, expired, cancelled): the next on the waiting list
    gets it."""
    held = registration.status in (RegStatus.OFFERED, RegStatus.CONFIRMED)
    _move(registration, action, actor=actor, note=note, offer_expires_at=None)
    if held:
        _give_back(registration.pool_id)
        offer_next(registration.pool, now=now)


def registration_decline(*, actor, registration: Registration) -> Registration:
    _mine(actor, registration)
    with write_transaction():
        _release(registration, "decline", actor=actor)
    return registration


def registration_cancel(*, actor, registration: Registration, reason: str = "") -> Registration:
    """The member cancels (or staff of the organiser's subtree, with a reason)."""
    if actor is not None and access.can_organise(actor):
        if not registration.batch.scope.path.startswith(actor.org.path) and not (
            registration.member.union.path.startswith(actor.org.path)
        ):
            raise PermissionDenied(_("This registration is outside your organisation."))
        if not reason.strip():
            raise ValidationError(_("Give the reason for cancelling."), code="reason")
    else:
        _mine(actor, registration)
    if registration.batch.starts_on <= timezone.localdate():
        raise ValidationError(
            _("The batch has started; a registration can no longer be cancelled."),
            code="started",
        )
    with write_transaction():
        _release(registration, "cancel", actor=actor, note=reason)
    return registration


def _waiting(pool: Pool):
    return Registration.objects.filter(pool=pool, status=RegStatus.APPLIED).order_by(
        F("rank").asc(nulls_last=True), "created_at", "id"
    )


def offer_next(pool: Pool, *, now=None) -> Registration | None:
    """Offer a free place of the pool to the first of its waiting list (time-limited, by SMS).
    A quota pool with nobody waiting hands its free place to the general pool, whose own
    waiting list then gets it. Not before the draw, in draw mode."""
    now = now or timezone.now()
    programme = pool.batch.programme
    if pool.for_vouchers:
        return None  # a voucher place given back waits for the next voucher
    if programme.allocation == Allocation.DRAW and not programme.allocated_at:
        return None
    for candidate in _waiting(pool)[:5]:
        if not _take_place(pool):
            return None
        try:
            expires = now + datetime.timedelta(hours=programme.offer_hours)
            with write_transaction():
                _move(candidate, "allot", note=_("waiting list"), offer_expires_at=expires)
        except ValidationError:
            _give_back(pool.pk)  # the candidate cancelled meanwhile: try the next one
            continue
        sms.send(candidate, "offered")
        return candidate
    if pool.org_id is None:
        return None
    general = Pool.objects.get(batch_id=pool.batch_id, org__isnull=True)
    moved = Pool.objects.filter(pk=pool.pk, taken__lt=F("places")).update(places=F("places") - 1)
    if not moved:
        return None
    Pool.objects.filter(pk=general.pk).update(places=F("places") + 1)
    return offer_next(general, now=now)


def offers_expire(*, now=None) -> int:
    """Offers not confirmed in time expire; each place goes to the next on its waiting list.
    Safe to run by two schedulers at once: each move is a conditional update."""
    now = now or timezone.now()
    count = 0
    due = Registration.objects.filter(status=RegStatus.OFFERED, offer_expires_at__lte=now)
    for registration in due.select_related("pool__batch__programme", "member"):
        try:
            with write_transaction():
                _release(registration, "expire", note=_("not confirmed in time"), now=now)
        except ValidationError:
            continue  # another run expired it first
        sms.send(registration, "expired")
        count += 1
    return count


def registration_by_code(code: str) -> Registration | None:
    code = (code or "").strip().upper()
    return (
        Registration.objects.select_related("member__union", "batch__programme", "batch__scope")
        .filter(code=code)
        .first()
    )


def _may_check(actor, registration) -> None:
    if not access.can_organise(actor):
        raise PermissionDenied(_("Your role may not check members in."))
    if not registration.programme.org.path.startswith(actor.org.path) and not (
        registration.batch.scope.path.startswith(actor.org.path)
    ):
        raise PermissionDenied(_("This registration is outside your organisation."))


def registration_check_in(*, actor, code: str = "", registration=None) -> Registration:
    """Check a member in by the code of their QR (scanned or typed) or from the list."""
    registration = registration or registration_by_code(code)
    if registration is None:
        raise ValidationError(_("No registration has this code."), code="unknown_code")
    _may_check(actor, registration)
    if registration.status == RegStatus.CHECKED_IN:
        raise ValidationError(
            _("%(name)s is already checked in.") % {"name": registration.member.name},
            code="twice",
        )
    if registration.status != RegStatus.CONFIRMED:
        raise ValidationError(
            _("%(name)s holds no confirmed place (%(status)s).")
            % {"name": registration.member.name, "status": registration.get_status_display()},
            code="not_confirmed",
        )
    with write_transaction():
        _move(registration, "check_in", actor=actor)
    return registration


def batch_record_no_shows(*, actor, batch: Batch, today=None) -> int:
    """After the batch started: every confirmed registration not checked in is a no-show."""
    today = today or timezone.localdate()
    if not access.can_organise(actor) or not batch.programme.org.path.startswith(actor.org.path):
        raise PermissionDenied(_("You may not close this attendance list."))
    if batch.starts_on > today:
        raise ValidationError(
            _("No-shows are recorded once the batch has started."), code="not_started"
        )
    count = 0
    with write_transaction():
        for registration in batch.registrations.filter(status=RegStatus.CONFIRMED):
            _move(registration, "no_show", actor=actor)
            count += 1
    return count
