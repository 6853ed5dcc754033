"""Who sees and does what: another member's patrol, the service switched off, 代办 at the
window, the rules page of the county administrator, the scheduled steps."""

import datetime

import pytest
from django.utils import timezone

from gonghui.patrol.models import Patrol, Rules, Status
from gonghui.patrol.services import grabs, walking
from gonghui.patrol.tests.helpers import at, members_with_users, route, slot

pytestmark = pytest.mark.django_db


def test_a_member_cannot_see_or_touch_another_members_patrol(on, staff, client_for):
    the_slot = slot(route(staff.town_a, on.town_a))
    me, other = members_with_users(on.union_a1, 2)
    patrol = grabs.patrol_grab(actor=me.user, member=me, slot=the_slot)
    client = client_for(other.user)
    assert client.get(f"/m/patrol/{patrol.pk}/").status_code == 404
    assert client.post(f"/m/patrol/{patrol.pk}/cancel/").status_code == 404
    assert client.get(f"/api/patrol/me/patrols/{patrol.pk}/").status_code == 404
    assert client.post(f"/api/patrol/me/patrols/{patrol.pk}/cancel/").status_code == 404
    assert client.get("/api/patrol/patrols/").status_code == 403
    assert Patrol.objects.get(pk=patrol.pk).status == Status.HELD


def test_switched_off_new_actions_stop_and_what_is_held_stays_readable(
    on, staff, client_for, switch_on
):
    the_slot = slot(route(staff.town_a, on.town_a))
    (me,) = members_with_users(on.union_a1, 1)
    patrol = grabs.patrol_grab(actor=me.user, member=me, slot=the_slot)
    switch_on(on.county, "patrol", enabled=False)
    client = client_for(me.user)
    assert client.get("/m/patrol/").status_code == 403
    answer = client.post("/api/patrol/me/patrols/", {"slot": the_slot.pk})
    assert answer.status_code == 403 and "未开通" in answer.json()["detail"]
    mine = client.get("/m/patrol/mine/")
    assert mine.status_code == 200 and "工业园北线" in mine.content.decode()
    assert client.get(f"/m/patrol/{patrol.pk}/").status_code == 200
    assert client.get("/api/patrol/me/patrols/").json()["count"] == 1


def test_staff_grab_for_a_member_at_the_window(on, staff, client_for):
    the_slot = slot(route(staff.town_a, on.town_a))
    (me,) = members_with_users(on.union_a1, 1)
    client = client_for(staff.union_a1)
    page = client.get(f"/staff/patrol/members/{me.pk}/").content.decode()
    assert f"grab-{the_slot.pk}" in page
    client.post(f"/staff/patrol/members/{me.pk}/", {"slot": the_slot.pk})
    patrol = Patrol.objects.get(member=me)
    assert patrol.events.get().on_behalf is True
    (outsider,) = members_with_users(on.union_b1, 1)
    assert client.get(f"/staff/patrol/members/{outsider.pk}/").status_code == 404


def test_the_county_administrator_sets_the_rules(on, staff, client_for):
    client = client_for(staff.admin)
    values = {"capacity": 8, "open_days": 2, "free_cancel_hours": 4, "per_day": 2,
              "no_show_limit": 3, "no_show_days": 30, "lock_days": 7, "retention_days": 90,
              "min_share": 75}  # fmt: skip
    client.post("/staff/patrol/rules/", values)
    rules = Rules.objects.get(federation=on.county)
    assert (rules.capacity, rules.per_day, rules.retention_days) == (8, 2, 90)
    assert client_for(staff.town_a).get("/staff/patrol/rules/").status_code == 403


def test_a_patrol_left_open_goes_to_review_when_the_slot_is_long_over(on, staff):
    the_slot = slot(route(staff.town_a, on.town_a))
    (me,) = members_with_users(on.union_a1, 1)
    patrol = grabs.patrol_grab(actor=me.user, member=me, slot=the_slot)
    first = the_slot.route.checkpoints.order_by("position").first()
    walking.patrol_start(actor=me.user, patrol=patrol, report=at(first), agreed=True,
                         now=the_slot.starts_at)  # fmt: skip
    assert walking.patrols_lapse(now=the_slot.ends_at) == 0
    assert walking.patrols_lapse(now=the_slot.ends_at + datetime.timedelta(hours=2)) == 1
    patrol.refresh_from_db()
    assert patrol.status == Status.REVIEW
    assert patrol.reasons == ["未在手机上结束巡逻"]
    assert patrol.finished_at == the_slot.ends_at
    assert timezone.now() < patrol.finished_at
