"""The demo: Lucheng-like routes through the demo federation's industrial areas, three slots a
day, a month of history consistent with the slots' places; the demo member holds a place
tomorrow evening and earned points for their approved patrols; loaded once."""

import datetime
import time

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from django.utils import timezone

from gonghui.orgs.models import Member
from gonghui.patrol.models import HOLDING, Patrol, Route, Slot, Status
from gonghui.patrol.services.common import rules_for
from gonghui.patrol.services.grabs import grab_refusal
from gonghui.points import services as points_services
from gonghui.points.models import Entry

pytestmark = pytest.mark.django_db


def test_patrol_demo_is_a_month_of_consistent_history(capsys):
    call_command("load_demo")
    assert Route.objects.count() == 5
    assert all(r.checkpoints.count() >= 4 for r in Route.objects.all())
    today = timezone.localdate()
    assert Slot.objects.filter(date=today - datetime.timedelta(days=30)).count() == 15
    assert Slot.objects.filter(date__gt=today).count() == 45
    counted = Slot.objects.annotate(
        held=Count("patrols", filter=Q(patrols__status__in=[*HOLDING, Status.NO_SHOW]))
    )
    assert all(s.taken == s.held <= s.capacity for s in counted)
    assert Patrol.objects.filter(status=Status.APPROVED).count() > 500
    assert Patrol.objects.filter(status=Status.REVIEW).exists()
    demo = Member.objects.get(mobile="13900000001")
    held = Patrol.objects.get(member=demo, status=Status.HELD)
    assert timezone.localtime(held.slot.starts_at).hour == 19
    earned = Entry.objects.filter(member=demo, key__startswith="patrol:")
    assert sorted(earned.values_list("points", flat=True)) == [20, 20]
    assert points_services.balance(demo)["points"] >= 0
    # whatever the hour the demo is loaded, the demo member finds a slot open to grab
    ahead = Slot.objects.filter(route__org__code="LQ", starts_at__gt=timezone.now())
    rules = rules_for(ahead.first().route.org)
    assert any(grab_refusal(demo, slot, rules, timezone.now()) is None for slot in ahead)
    counts = (Route.objects.count(), Patrol.objects.count())
    started = time.monotonic()
    call_command("load_demo")
    assert (Route.objects.count(), Patrol.objects.count()) == counts
    assert time.monotonic() - started < 60
