"""抢单: a member grabs a place in a slot, cancels it, or does not come.

Never over capacity: the place is taken by a conditional UPDATE of `Slot.taken`
(`taken < capacity`), and a check constraint holds it. Never twice per slot: a unique
constraint. At most K a day: counted while the member's row is locked (select_for_update), so
two grabs of one member run one after the other.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.db import write_transaction
from gonghui.core.proxy import check_may_act_for
from gonghui.orgs.models import Member
from gonghui.patrol.models import HOLDING, NO_SHOWS, RELEASED, Patrol, Slot, Status
from gonghui.patrol.services.common import check_open, local, move, rules_for


def locked_until(member, rules, now=None) -> datetime.datetime | None:
    """When the member may grab again after too many no-shows (None: not locked)."""
    now = now or timezone.now()
    window = datetime.timedelta(days=rules.no_show_days)
    since = now - window - datetime.timedelta(days=rules.lock_days)
    times = sorted(
        Patrol.objects.filter(
            member=member, status__in=NO_SHOWS, slot__starts_at__gte=since
        ).values_list("slot__starts_at", flat=True),
        reverse=True,
    )
    limit = max(rules.no_show_limit, 1)
    for index in range(len(times) - limit + 1):
        if times[index] - times[index + limit - 1] <= window:
            until = times[index] + datetime.timedelta(days=rules.lock_days)
            if until > now:
                return until
    return None


def grab_refusal(member, slot: Slot, rules, now) -> str | None:
    """Why the member cannot grab this slot now (None: they can), before any write."""
    route = slot.route
    if not route.active:
        return _("This route is not in service.")
    if not member.union.path.startswith(route.org.path):
        return _("This route is open to members of %(org)s only.") % {"org": route.org.name}
    opens = slot.starts_at - datetime.timedelta(days=rules.open_days)
    if now < opens:
        return _("Sign-up for this slot opens at %(at)s.") % {"at": local(opens)}
    if now >= slot.starts_at:
        return _("Sign-up for this slot closed at %(at)s, when it began.") % {
            "at": local(slot.starts_at)
        }
    until = locked_until(member, rules, now)
    if until:
        return _(
            "After %(n)d no-shows within %(days)d days you cannot grab a patrol until %(at)s."
        ) % {"n": rules.no_show_limit, "days": rules.no_show_days, "at": local(until)}
    return None


def patrol_grab(*, actor, member, slot: Slot, now=None) -> Patrol:
    now = now or timezone.now()
    on_behalf = check_may_act_for(actor, member)
    check_open(member.union)
    slot = Slot.objects.select_related("route__org").get(pk=slot.pk)
    rules = rules_for(slot.route.org)
    refusal = grab_refusal(member, slot, rules, now)
    if refusal:
        raise ValidationError(refusal, code="refused")
    twice = ValidationError(_("You already hold a place in this slot."), code="twice")
    try:
        with write_transaction():
            # One grab of this member at a time: the day's count below cannot be raced.
            Member.objects.select_for_update().filter(pk=member.pk).first()
            mine = Patrol.objects.filter(member=member)
            if mine.filter(slot=slot).exclude(status__in=RELEASED).exists():
                raise twice
            if mine.filter(day=slot.date, status__in=HOLDING).count() >= rules.per_day:
                raise ValidationError(
                    _("You may hold at most %(n)d patrol slot(s) a day.") % {"n": rules.per_day},
                    code="per_day",
                )
            if not Slot.objects.filter(pk=slot.pk, taken__lt=F("capacity")).update(
                taken=F("taken") + 1
            ):
                raise ValidationError(_("This slot is full; choose another."), code="full")
            patrol = Patrol.objects.create(
                slot=slot, route=slot.route, member=member, day=slot.date, status=Status.HELD
            )
            patrol.events.create(
                action="grab", to_status=Status.HELD, actor=actor, on_behalf=on_behalf
            )
    except IntegrityError:
        raise twice from None
    return patrol


def patrol_cancel(*, actor, patrol: Patrol, now=None) -> Patrol:
    """Free until N hours before the start; later it counts as a no-show. The place goes
    back to the slot either way."""
    now = now or timezone.now()
    on_behalf = check_may_act_for(actor, patrol.member)
    slot = patrol.slot
    if patrol.status != Status.HELD:
        raise ValidationError(
            _("Only a place not yet patrolled can be cancelled."), code="bad_transition"
        )
    if now >= slot.starts_at:
        raise ValidationError(_("The slot has begun; it can no longer be cancelled."))
    rules = rules_for(patrol.route.org)
    late = now > slot.starts_at - datetime.timedelta(hours=rules.free_cancel_hours)
    with write_transaction():
        move(patrol, "cancel_late" if late else "cancel", actor=actor, on_behalf=on_behalf)
        Slot.objects.filter(pk=slot.pk, taken__gt=0).update(taken=F("taken") - 1)
    return patrol


def no_shows_record(*, now=None) -> int:
    """Places held in slots that ended without a start become no-shows (the scheduler; safe
    to run twice at once: each move is conditional)."""
    now = now or timezone.now()
    count = 0
    for patrol in Patrol.objects.filter(status=Status.HELD, slot__ends_at__lte=now):
        try:
            with write_transaction():
                move(patrol, "no_show")
        except ValidationError:
            continue
        count += 1
    return count
