"""Programmes, batches and members for the activities tests."""

import datetime

from django.utils import timezone

from gonghui.activities.models import Allocation, Kind
from gonghui.activities.services import programmes
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.tests.factories import member

NOW = timezone.now


def window(hours_open=24):
    now = timezone.now()
    return now - datetime.timedelta(hours=1), now + datetime.timedelta(hours=hours_open)


def programme(actor, org, *, allocation=Allocation.FIRST_COME, kind=Kind.ACTIVITY, **fields):
    opens, closes = window()
    fields.setdefault("opens_at", opens)
    fields.setdefault("closes_at", closes)
    return programmes.programme_create(
        actor=actor, org=org, kind=kind, title=fields.pop("title", "书法班"), allocation=allocation,
        **fields,
    )  # fmt: skip


def batch(actor, prog, *, places=5, quotas=None, days_ahead=10, **rule):
    start = timezone.localdate() + datetime.timedelta(days=days_ahead)
    return programmes.batch_add(
        actor=actor,
        programme=prog,
        name=rule.pop("name", "第一批"),
        starts_on=start,
        ends_on=start + datetime.timedelta(days=2),
        place="县工人文化宫",
        places=places,
        quotas=quotas,
        **rule,
    )


def members_with_users(union, count, **fields):
    people = []
    for _ in range(count):
        person = member(union, **fields)
        member_user(person)
        people.append(person)
    return people
