"""Never over, never twice, on PostgreSQL with real threads (each its own connection): 50
members grabbing the 5 places of a slot, one member grabbing twice at once, two reviewers
approving one patrol at once."""

import pytest
from django.db import connection

from gonghui.claims.tests.test_concurrency import together
from gonghui.patrol.models import Patrol, Slot, Status
from gonghui.patrol.services import grabs, review
from gonghui.patrol.tests.helpers import members_with_users, route, slot, walk
from gonghui.points import services as points_services
from gonghui.points.models import Entry

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def test_fifty_members_grabbing_five_places_get_exactly_five(on, staff):
    the_slot = slot(route(staff.town_a, on.town_a), capacity=5)
    crowd = members_with_users(on.union_a1, 25) + members_with_users(on.union_a2, 25)
    results = together(
        *(
            lambda person=person: grabs.patrol_grab(actor=person.user, member=person, slot=the_slot)
            for person in crowd
        )
    )
    outcomes = sorted(outcome for outcome, _value in results)
    assert outcomes == ["ok"] * 5 + ["refused"] * 45, results
    assert all("已满" in str(value) for outcome, value in results if outcome == "refused")
    assert Slot.objects.get(pk=the_slot.pk).taken == 5
    assert Patrol.objects.filter(slot=the_slot, status=Status.HELD).count() == 5


def test_one_member_grabbing_twice_at_once_holds_one_place(on, staff):
    the_route = route(staff.town_a, on.town_a)
    the_slot = slot(the_route, capacity=5)
    (me,) = members_with_users(on.union_a1, 1)
    results = together(
        *(lambda: grabs.patrol_grab(actor=me.user, member=me, slot=the_slot) for _ in range(8))
    )
    assert sorted(outcome for outcome, _ in results) == ["ok"] + ["refused"] * 7
    assert Slot.objects.get(pk=the_slot.pk).taken == 1
    assert Patrol.objects.filter(member=me).count() == 1
    # K a day held too: two other slots of the same day grabbed at once, one place.
    other = route(staff.town_a, on.town_a, name="滨河南线")
    slots = [slot(other, capacity=5), slot(route(staff.town_a, on.town_a, name="三号线"))]
    (you,) = members_with_users(on.union_a1, 1)
    results = together(
        *(lambda s=s: grabs.patrol_grab(actor=you.user, member=you, slot=s) for s in slots * 3)
    )
    assert sorted(outcome for outcome, _ in results) == ["ok"] + ["refused"] * 5
    assert Patrol.objects.filter(member=you).count() == 1


def test_two_reviewers_approving_one_patrol_at_once_post_one_earn_entry(on, staff):
    the_slot = slot(route(staff.town_a, on.town_a))
    (me,) = members_with_users(on.union_a1, 1)
    patrol = walk(grabs.patrol_grab(actor=me.user, member=me, slot=the_slot))
    reviewers = [staff.town_a, staff.reviewer, staff.admin]
    results = together(
        *(
            lambda reviewer=reviewer: review.patrol_approve(
                actor=reviewer, patrol=Patrol.objects.get(pk=patrol.pk)
            )
            for reviewer in reviewers
        )
    )
    assert sorted(outcome for outcome, _ in results) == ["ok", "refused", "refused"], results
    assert Entry.objects.filter(key=f"patrol:{patrol.pk}").count() == 1
    assert points_services.balance(me)["points"] == 20
    assert Patrol.objects.get(pk=patrol.pk).events.filter(action="approve").count() == 1
