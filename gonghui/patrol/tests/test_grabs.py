"""抢单: places, the window, one per slot, K a day, cancellation, no-shows and the lock."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.patrol.models import Patrol, Rules, Slot, Status
from gonghui.patrol.services import grabs
from gonghui.patrol.tests.helpers import members_with_users, route, slot

pytestmark = pytest.mark.django_db


def test_a_grab_takes_one_place_and_records_the_step(on, staff):
    the_slot = slot(route(staff.town_a, on.town_a), capacity=2)
    (me,) = members_with_users(on.union_a1, 1)
    patrol = grabs.patrol_grab(actor=me.user, member=me, slot=the_slot)
    the_slot.refresh_from_db()
    assert (patrol.status, the_slot.taken) == (Status.HELD, 1)
    assert [e.action for e in patrol.events.all()] == ["grab"]


def test_a_full_slot_a_second_grab_and_a_second_slot_that_day_are_refused(on, staff):
    the_route = route(staff.town_a, on.town_a)
    small = slot(the_route, capacity=1)
    later = slot(route(staff.town_a, on.town_a, name="滨河南线"))  # the same day
    first, second = members_with_users(on.union_a1, 2)
    grabs.patrol_grab(actor=first.user, member=first, slot=small)
    with pytest.raises(ValidationError, match="已满"):
        grabs.patrol_grab(actor=second.user, member=second, slot=small)
    with pytest.raises(ValidationError, match="已在该时段"):
        grabs.patrol_grab(actor=first.user, member=first, slot=small)
    with pytest.raises(ValidationError, match="每天最多"):
        grabs.patrol_grab(actor=first.user, member=first, slot=later)
    assert Slot.objects.get(pk=small.pk).taken == 1
    assert Patrol.objects.count() == 1


def test_a_grab_after_the_window_is_refused_in_chinese_and_nothing_changes(on, staff):
    the_slot = slot(route(staff.town_a, on.town_a))
    (me,) = members_with_users(on.union_a1, 1)
    late = the_slot.starts_at + datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError) as refused:
        grabs.patrol_grab(actor=me.user, member=me, slot=the_slot, now=late)
    assert "抢单已截止" in refused.value.messages[0]
    early = the_slot.starts_at - datetime.timedelta(days=4)
    with pytest.raises(ValidationError, match="开放抢单"):
        grabs.patrol_grab(actor=me.user, member=me, slot=the_slot, now=early)
    assert Slot.objects.get(pk=the_slot.pk).taken == 0
    assert not Patrol.objects.exists()


def test_a_route_of_another_town_and_a_switched_off_service_are_refused(on, staff, switch_on):
    the_slot = slot(route(staff.town_a, on.town_a))
    (outsider,) = members_with_users(on.union_b1, 1)
    with pytest.raises(ValidationError, match="仅面向"):
        grabs.patrol_grab(actor=outsider.user, member=outsider, slot=the_slot)
    (me,) = members_with_users(on.union_a1, 1)
    switch_on(on.county, "patrol", enabled=False)
    with pytest.raises(PermissionDenied):
        grabs.patrol_grab(actor=me.user, member=me, slot=the_slot)
    assert Slot.objects.get(pk=the_slot.pk).taken == 0


def test_cancelling_is_free_until_three_hours_before_then_a_no_show(on, staff):
    the_route = route(staff.town_a, on.town_a)
    early_slot, late_slot = slot(the_route, hours_ahead=10), slot(the_route, hours_ahead=50)
    (me,) = members_with_users(on.union_a1, 1)
    held = grabs.patrol_grab(actor=me.user, member=me, slot=early_slot)
    grabs.patrol_cancel(actor=me.user, patrol=held)
    assert held.status == Status.CANCELLED
    # The place is back and the member may grab it again.
    again = grabs.patrol_grab(actor=me.user, member=me, slot=early_slot)
    two_hours_before = early_slot.starts_at - datetime.timedelta(hours=2)
    grabs.patrol_cancel(actor=me.user, patrol=again, now=two_hours_before)
    assert again.status == Status.LATE_CANCELLED
    assert Slot.objects.get(pk=early_slot.pk).taken == 0
    assert grabs.patrol_grab(actor=me.user, member=me, slot=late_slot).status == Status.HELD


def test_two_no_shows_in_thirty_days_lock_the_member_for_fourteen_days(on, staff):
    the_route = route(staff.town_a, on.town_a)
    (me,) = members_with_users(on.union_a1, 1)
    for hours in (24, 48):
        grabs.patrol_grab(actor=me.user, member=me, slot=slot(the_route, hours_ahead=hours))
    after = timezone.now() + datetime.timedelta(hours=60)
    assert grabs.no_shows_record(now=after) == 2
    assert grabs.no_shows_record(now=after) == 0
    next_slot = slot(the_route, hours_ahead=72)
    with pytest.raises(ValidationError, match="未到岗"):
        grabs.patrol_grab(actor=me.user, member=me, slot=next_slot, now=after)
    # The federation's parameters: with a limit of 3 the same member may grab.
    Rules.objects.create(federation=on.county, no_show_limit=3)
    assert grabs.patrol_grab(actor=me.user, member=me, slot=next_slot, now=after).pk


def test_staff_grab_for_a_member_of_their_subtree_only(on, staff):
    the_slot = slot(route(staff.town_a, on.town_a))
    (me,) = members_with_users(on.union_a1, 1)
    patrol = grabs.patrol_grab(actor=staff.union_a1, member=me, slot=the_slot)
    assert patrol.events.get().on_behalf is True
    (other,) = members_with_users(on.union_a2, 1)
    with pytest.raises(PermissionDenied):
        grabs.patrol_grab(actor=staff.union_a1, member=other, slot=the_slot)
