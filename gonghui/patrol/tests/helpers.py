"""Routes, slots and members for the patrol tests. The route runs through an industrial
area of the test county: three checkpoints about 300 m apart."""

import datetime
from decimal import Decimal

from django.utils import timezone

from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.tests.factories import member
from gonghui.patrol.models import Slot
from gonghui.patrol.services import routes
from gonghui.patrol.services.walking import Report

POINTS = [
    ("工业园北门", Decimal("28.580000"), Decimal("121.370000")),
    ("滨河路口", Decimal("28.582700"), Decimal("121.370000")),
    ("物流中心", Decimal("28.582700"), Decimal("121.373000")),
]
# The other side of town: about 6 km south-west of the route.
FAR = (Decimal("28.540000"), Decimal("121.330000"))


def route(actor, org, *, name="工业园北线", auto_approve=False, points=20):
    the_route = routes.route_create(
        actor=actor, org=org, name=name, area="甲镇", auto_approve=auto_approve, points=points
    )
    for cp_name, lat, lng in POINTS:
        routes.checkpoint_add(actor=actor, route=the_route, name=cp_name, lat=lat, lng=lng)
    return the_route


def slot(the_route, *, hours_ahead=24, capacity=5, minutes=120):
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=hours_ahead)
    return Slot.objects.create(
        route=the_route,
        date=timezone.localdate(starts),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=minutes),
        capacity=capacity,
    )


def members_with_users(union, count, **fields):
    people = []
    for _ in range(count):
        person = member(union, **fields)
        member_user(person)
        people.append(person)
    return people


def at(checkpoint, *, accuracy=15) -> Report:
    """The phone's report standing at the checkpoint."""
    return Report(lat=checkpoint.lat, lng=checkpoint.lng, accuracy=accuracy,
                  at=timezone.now())  # fmt: skip


def walk(patrol, *, minutes=110, agreed=True):
    """Start at the slot's start, pass the middle checkpoints, finish `minutes` later."""
    from gonghui.patrol.services import walking

    user = patrol.member.user
    cps = list(patrol.route.checkpoints.order_by("position"))
    begin = patrol.slot.starts_at
    walking.patrol_start(actor=user, patrol=patrol, report=at(cps[0]), agreed=agreed, now=begin)
    for checkpoint in cps[1:-1]:
        walking.patrol_checkpoint(actor=user, patrol=patrol, checkpoint=checkpoint,
                                  report=at(checkpoint), now=begin)  # fmt: skip
    end = begin + datetime.timedelta(minutes=minutes)
    return walking.patrol_finish(actor=user, patrol=patrol, report=at(cps[-1]), now=end)
