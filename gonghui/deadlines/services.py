"""Deadlines attached to any object: opened and closed by the owner app's services, extended
once with a reason by staff, and escalated by the scheduler (tasks.py) level by level, each
(deadline, level) once.

An owner app declares its objects once (`register_owner`): what they are called, the page of
one, and optionally what it does when one of its deadlines is escalated (an SMS, a move of
its own state machine). The callback runs in the escalation's transaction: if it fails, the
escalation is not recorded and the next run tries again.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import dates
from gonghui.deadlines import access
from gonghui.deadlines.calendar import calendar_for_org
from gonghui.deadlines.models import Deadline, Escalation, Unit
from gonghui.orgs.models import Organisation

DEFAULT_AMBER_PERCENT = 25
TOP = 99  # `up` that reaches the federation at the top of the tree


@dataclass(frozen=True)
class Step:
    """One level of an escalation ladder: reached `late_days` working days after the due
    time (0: as soon as it is late), telling the staff with `roles` of the organisation
    `up` levels above the deadline's (0 its own, TOP the federation)."""

    level: int
    roles: tuple[str, ...]
    up: int = 0
    late_days: int = 0

    def as_json(self) -> dict:
        return {"level": self.level, "roles": list(self.roles), "up": self.up,
                "late_days": self.late_days}  # fmt: skip


@dataclass(frozen=True)
class Owner:
    label: str
    url: Callable[[int], str] | None = None
    on_escalate: Callable[[Deadline, Escalation], None] | None = None


OWNERS: dict[str, Owner] = {}


def register_owner(key: str, owner: Owner) -> None:
    OWNERS[key] = owner


def _end_of(day: datetime.date) -> datetime.datetime:
    """Midnight after `day`, local time: a deadline "by day D" is met all through D."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    )


def _last_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment - datetime.timedelta(microseconds=1)).date()


def due_from(start: datetime.datetime, *, unit: str, amount: int, calendar) -> datetime.datetime:
    """`amount` hours after `start`; or the end of the day `amount` working days (or calendar
    days: a filing "within 10 days") after the day of `start`, that day not counted."""
    if unit == Unit.HOURS:
        return start + datetime.timedelta(hours=amount)
    return _end_of(_add_days(timezone.localtime(start).date(), unit, amount, calendar))


def _add_days(day: datetime.date, unit: str, amount: int, calendar) -> datetime.date:
    if unit == Unit.DAYS:
        return day + datetime.timedelta(days=amount)
    return dates.add_working_days(day, amount, calendar)


def _check_amount(unit: str, amount) -> None:
    if unit not in Unit.values:
        raise ValidationError(
            _("A deadline is counted in working days, calendar days or hours."), code="unit"
        )
    if not isinstance(amount, int) or amount < 1:
        raise ValidationError(_("A deadline is at least 1 working day or hour."), code="amount")


@transaction.atomic
def deadline_open(
    *,
    owner: str,
    object_id: int,
    purpose: str,
    title: str,
    org: Organisation,
    unit: str,
    amount: int,
    ladder: tuple[Step, ...] = (),
    amber_percent: int = DEFAULT_AMBER_PERCENT,
    starts_at: datetime.datetime | None = None,
) -> Deadline:
    """Start the clock on an object; the open deadline for the same (object, purpose) is
    returned unchanged if there is one (opening twice is harmless)."""
    _check_amount(unit, amount)
    if not 0 <= amber_percent <= 100:
        raise ValidationError(_("Amber is a share of the time, 0 to 100%."), code="amber")
    levels = [step.level for step in ladder]
    if len(set(levels)) != len(levels):
        raise ValidationError(_("Each level of a ladder is given once."), code="ladder")
    existing = Deadline.objects.filter(
        owner=owner, object_id=object_id, purpose=purpose, met_at__isnull=True
    ).first()
    if existing:
        return existing
    starts_at = starts_at or timezone.now()
    return Deadline.objects.create(
        owner=owner,
        object_id=object_id,
        purpose=purpose,
        title=title[:200],
        org=org,
        unit=unit,
        amount=amount,
        amber_percent=amber_percent,
        ladder=[step.as_json() for step in ladder],
        starts_at=starts_at,
        due_at=due_from(starts_at, unit=unit, amount=amount, calendar=calendar_for_org(org)),
    )


def deadline_close(
    *, owner: str, object_id: int, purpose: str, at: datetime.datetime | None = None
) -> int:
    """The action the deadline waited for is done: 1 if an open deadline was closed."""
    return Deadline.objects.filter(
        owner=owner, object_id=object_id, purpose=purpose, met_at__isnull=True
    ).update(met_at=at or timezone.now())


@transaction.atomic
def deadline_extend(*, actor, deadline: Deadline, amount: int, reason: str) -> Deadline:
    """Move the due time `amount` units later, once per deadline, with a reason."""
    from gonghui.deadlines.selectors import deadlines_visible_to

    if (
        not access.can_extend(actor)
        or not deadlines_visible_to(actor).filter(pk=deadline.pk).exists()
    ):
        raise PermissionDenied(_("You may not extend this deadline."))
    _check_amount(deadline.unit, amount)
    if not reason.strip():
        raise ValidationError(_("Say why the deadline is extended."), code="reason")
    if deadline.met_at is not None:
        raise ValidationError(_("This deadline has already been met."), code="met")
    if deadline.unit == Unit.HOURS:
        new_due = deadline.due_at + datetime.timedelta(hours=amount)
    else:  # counted from the last day allowed, not from the midnight after it
        calendar = calendar_for_org(deadline.org)
        new_due = _end_of(_add_days(_last_day(deadline.due_at), deadline.unit, amount, calendar))
    now = timezone.now()
    changed = Deadline.objects.filter(
        pk=deadline.pk, extended_at__isnull=True, met_at__isnull=True
    ).update(
        extended_at=now,
        extended_by=actor,
        extension_reason=reason.strip(),
        due_before_extension=deadline.due_at,
        due_at=new_due,
    )
    if not changed:
        raise ValidationError(
            _("This deadline has already been extended once."), code="extended_once"
        )
    deadline.refresh_from_db()
    return deadline


def escalation_time(deadline: Deadline, step: dict, calendar) -> datetime.datetime:
    if not step.get("late_days"):
        return deadline.due_at
    last = _last_day(deadline.due_at)
    return _end_of(dates.add_working_days(last, step["late_days"], calendar))


def told_org(deadline: Deadline, up: int) -> int:
    chain = deadline.org.ancestor_ids  # top first
    return chain[max(0, len(chain) - 1 - up)]


def deadlines_escalate(now: datetime.datetime | None = None) -> int:
    """Raise every late open deadline to each level of its ladder that is due and not yet
    reached: one transaction per (deadline, level), so that a second scheduler running at
    the same time meets the unique constraint and records nothing. Returns how many
    escalations this run recorded."""
    now = now or timezone.now()
    recorded = 0
    late = (
        Deadline.objects.filter(met_at__isnull=True, due_at__lt=now)
        .select_related("org")
        .prefetch_related("escalations")
    )
    calendars: dict[int, object] = {}
    for deadline in late:
        reached = {escalation.level for escalation in deadline.escalations.all()}
        calendar = calendars.setdefault(deadline.org_id, calendar_for_org(deadline.org))
        for step in sorted(deadline.ladder, key=lambda step: step["level"]):
            if step["level"] in reached or escalation_time(deadline, step, calendar) > now:
                continue
            recorded += _escalate(deadline, step)
    return recorded


def _escalate(deadline: Deadline, step: dict) -> int:
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                deadline=deadline,
                level=step["level"],
                told_org_id=told_org(deadline, step.get("up", 0)),
                told_roles="," + ",".join(step["roles"]) + ",",
            )
            owner = OWNERS.get(deadline.owner)
            if owner and owner.on_escalate:
                owner.on_escalate(deadline, escalation)
    except IntegrityError:
        return 0  # another scheduler recorded this level first
    return 1
