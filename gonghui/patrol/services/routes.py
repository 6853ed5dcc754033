"""Routes, their checkpoints and slots, written by staff of the organising node's subtree."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.db import write_transaction
from gonghui.patrol import access
from gonghui.patrol.models import Checkpoint, Route, Rules, Slot
from gonghui.patrol.services.common import check_open, rules_for

MAX_DAYS = 62


def _may_organise(actor, org) -> None:
    if not access.can_organise(actor) or not org.path.startswith(actor.org.path):
        raise PermissionDenied(_("You may not organise patrols of this organisation."))
    check_open(org)


def route_create(*, actor, org, name: str, area: str = "", expected_minutes: int = 120,
                 points: int = 20, auto_approve: bool = False) -> Route:  # fmt: skip
    _may_organise(actor, org)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the route a name.")})
    if not 10 <= int(expected_minutes) <= 600:
        raise ValidationError(
            {"expected_minutes": _("The expected duration is 10 to 600 minutes.")}
        )
    try:
        with write_transaction():
            return Route.objects.create(
                org=org, name=name, area=area.strip(), expected_minutes=expected_minutes,
                points=points, auto_approve=auto_approve, created_by=actor,
            )  # fmt: skip
    except IntegrityError:
        raise ValidationError({"name": _("A route of this name already exists.")}) from None


def coordinate(value, *, field: str, low: int, high: int) -> Decimal:
    """A latitude or longitude as given (text or number), or a Chinese refusal naming it."""
    label = _("latitude") if field == "lat" else _("longitude")
    if value in (None, ""):
        raise ValidationError({field: _("The %(what)s is missing.") % {"what": label}})
    try:
        number = Decimal(str(value).strip()).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {
                field: _("The %(what)s “%(value)s” is not a number.")
                % {"what": label, "value": value}
            }
        ) from None
    if not low <= number <= high:
        raise ValidationError(
            {field: _("The %(what)s must lie between %(low)d and %(high)d.")
             % {"what": label, "low": low, "high": high}}
        )  # fmt: skip
    return number


def checkpoint_add(*, actor, route: Route, name: str, lat, lng, radius: int = 100) -> Checkpoint:
    _may_organise(actor, route.org)
    if not (name or "").strip():
        raise ValidationError({"name": _("Give the checkpoint a name.")})
    lat = coordinate(lat, field="lat", low=-90, high=90)
    lng = coordinate(lng, field="lng", low=-180, high=180)
    if not 10 <= int(radius) <= 1000:
        raise ValidationError({"radius": _("The radius is 10 to 1,000 metres.")})
    with write_transaction():
        last = route.checkpoints.aggregate(n=Max("position"))["n"] or 0
        return Checkpoint.objects.create(
            route=route, position=last + 1, name=name.strip(), lat=lat, lng=lng, radius=radius
        )


def _times(rules: Rules) -> list[tuple[datetime.time, datetime.time]]:
    pairs = []
    for start, end in rules.slot_times:
        pairs.append((datetime.time.fromisoformat(start), datetime.time.fromisoformat(end)))
    return pairs


def slots_generate(*, actor, route: Route, first: datetime.date, last: datetime.date,
                   capacity: int | None = None) -> int:  # fmt: skip
    """The route's daily slots (the federation's times) for each day from first to last;
    slots that exist are kept. Returns the number of slots added."""
    _may_organise(actor, route.org)
    if last < first:
        raise ValidationError({"last": _("The last day comes before the first.")})
    if (last - first).days >= MAX_DAYS:
        raise ValidationError({"last": _("Generate at most 62 days at a time.")})
    if route.checkpoints.count() < 2:
        raise ValidationError(_("A route needs at least two checkpoints before it has slots."))
    rules = rules_for(route.org)
    capacity = capacity or rules.capacity
    if not 1 <= int(capacity) <= 500:
        raise ValidationError({"capacity": _("A slot has 1 to 500 places.")})
    tz = timezone.get_current_timezone()
    rows = []
    day = first
    while day <= last:
        for start, end in _times(rules):
            rows.append(
                Slot(
                    route=route,
                    date=day,
                    starts_at=datetime.datetime.combine(day, start, tzinfo=tz),
                    ends_at=datetime.datetime.combine(day, end, tzinfo=tz),
                    capacity=capacity,
                )
            )
        day += datetime.timedelta(days=1)
    with write_transaction():
        before = route.slots.count()
        Slot.objects.bulk_create(rows, ignore_conflicts=True)
        return route.slots.count() - before


def rules_save(*, actor, federation, **values) -> Rules:
    if not access.can_set_rules(actor) or actor.org_id != federation.pk:
        raise PermissionDenied(_("Only the county administrator sets the patrol rules."))
    rules = rules_for(federation)
    for name, value in values.items():
        setattr(rules, name, value)
    with write_transaction():
        rules.save()
    return rules
