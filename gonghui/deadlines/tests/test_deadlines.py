"""Deadlines on any object: due times in working days (over the calendar) or hours, the
colours at their boundaries, closing, one extension with a reason, the escalation ladder run
by the scheduler (each level once, even with two schedulers), and the subtree scope."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from gonghui.core import schedule
from gonghui.deadlines import selectors, services
from gonghui.deadlines.calendar import calendar_day_set
from gonghui.deadlines.models import Deadline, Escalation, Unit
from gonghui.deadlines.tests.factories import at, open_deadline


def test_working_day_deadline_ends_at_midnight_after_its_last_day_over_the_calendar(tree, staff):
    # Friday 4 Dec + 3 working days = Wednesday 9 Dec, all through the day.
    assert open_deadline(tree.union_a1).due_at == at(2026, 12, 10)
    # A holiday on Tuesday 8 Dec (test data) moves it to Thursday 10 Dec.
    calendar_day_set(
        actor=staff.admin, day=datetime.date(2026, 12, 8), kind="holiday", name="测试",
        national=True,
    )  # fmt: skip
    assert open_deadline(tree.union_a1, object_id=2).due_at == at(2026, 12, 11)
    # A make-up Saturday 5 Dec counts: Sat 5, Mon 7, Wed 9.
    calendar_day_set(
        actor=staff.admin, day=datetime.date(2026, 12, 5), kind="workday", name="测试",
        national=True,
    )  # fmt: skip
    assert open_deadline(tree.union_a1, object_id=3).due_at == at(2026, 12, 10)


def test_hour_deadline_and_opening_twice_returns_the_open_one(tree):
    first = open_deadline(tree.union_a1, unit=Unit.HOURS, amount=24)
    assert first.due_at == at(2026, 12, 5, 10)
    again = open_deadline(tree.union_a1, unit=Unit.HOURS, amount=48)
    assert again.pk == first.pk and Deadline.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.create(**{
            f.name: getattr(first, f.name) for f in Deadline._meta.concrete_fields
            if f.name not in ("id",)
        })  # fmt: skip


def test_calendar_day_deadline_ignores_the_calendar(tree, staff):
    """A filing "within 10 days" counts every day: from Friday 4 Dec, all through Mon 14."""
    calendar_day_set(
        actor=staff.admin, day=datetime.date(2026, 12, 8), kind="holiday", name="测试",
        national=True,
    )  # fmt: skip
    deadline = open_deadline(tree.union_a1, unit=Unit.DAYS, amount=10)
    assert deadline.due_at == at(2026, 12, 15)
    services.deadline_extend(actor=staff.town_a, deadline=deadline, amount=5, reason="补正材料")
    assert deadline.due_at == at(2026, 12, 20)


def test_bad_amounts_are_refused(tree):
    for amount in (0, -1):
        with pytest.raises(ValidationError):
            open_deadline(tree.union_a1, amount=amount)
    with pytest.raises(ValidationError):
        open_deadline(tree.union_a1, unit="weeks")
    assert not Deadline.objects.exists()


def test_colours_at_their_boundaries(tree):
    # 100 hours from Friday 10:00 → due Tuesday 14:00; amber below 25 hours left.
    deadline = open_deadline(tree.union_a1, unit=Unit.HOURS, amount=100)
    due = deadline.due_at
    assert selectors.state_of(deadline, due - datetime.timedelta(hours=25)) == "green"
    later = due - datetime.timedelta(hours=25) + datetime.timedelta(seconds=1)
    assert selectors.state_of(deadline, later) == "amber"
    assert selectors.state_of(deadline, due - datetime.timedelta(seconds=1)) == "amber"
    assert selectors.state_of(deadline, due) == "red"
    services.deadline_close(owner="tests.thing", object_id=1, purpose="act", at=due)
    deadline.refresh_from_db()
    assert selectors.state_of(deadline, due + datetime.timedelta(days=9)) == "met"


def test_badge_shows_the_colour_in_chinese(tree):
    from django.template import Context, Template

    deadline = open_deadline(tree.union_a1)
    html = Template("{% load deadline_tags %}{% deadline_badge d now %}").render(
        Context({"d": deadline, "now": at(2026, 12, 10, 0, 1)})
    )
    assert "text-bg-danger" in html and "已超期" in html and "12-10 00:00" in html


def test_extension_once_with_a_reason_within_scope(tree, staff):
    deadline = open_deadline(tree.union_a1)
    with pytest.raises(ValidationError):
        services.deadline_extend(actor=staff.town_a, deadline=deadline, amount=2, reason=" ")
    with pytest.raises(PermissionDenied):
        services.deadline_extend(actor=staff.town_b, deadline=deadline, amount=2, reason="等材料")
    with pytest.raises(PermissionDenied):
        services.deadline_extend(actor=staff.finance, deadline=deadline, amount=2, reason="等材料")
    services.deadline_extend(actor=staff.town_a, deadline=deadline, amount=2, reason="等材料")
    assert deadline.due_at == at(2026, 12, 12)  # Wed 9 + 2 working days = Fri 11, all day
    assert deadline.due_before_extension == at(2026, 12, 10)
    assert deadline.extension_reason == "等材料"
    with pytest.raises(ValidationError) as excinfo:
        services.deadline_extend(actor=staff.admin, deadline=deadline, amount=1, reason="再等")
    assert excinfo.value.code == "extended_once"
    deadline.refresh_from_db()
    assert deadline.due_at == at(2026, 12, 12)


def test_ladder_levels_at_their_boundaries_each_once(tree, staff):
    deadline = open_deadline(tree.union_a1)  # due Thu 10 Dec 00:00
    assert services.deadlines_escalate(at(2026, 12, 9, 23, 59)) == 0
    assert services.deadlines_escalate(at(2026, 12, 10, 0, 1)) == 1
    first = Escalation.objects.get()
    assert (first.level, first.told_org, first.told_roles) == (1, tree.town_a, ",town_staff,")
    assert services.deadlines_escalate(at(2026, 12, 10, 9)) == 0  # never twice
    # Level 2: two working days after the last day (Wed 9) → Fri 11, i.e. from Sat 12 00:00.
    assert services.deadlines_escalate(at(2026, 12, 11, 23, 59)) == 0
    assert services.deadlines_escalate(at(2026, 12, 12, 0, 0)) == 1
    assert services.deadlines_escalate(at(2026, 12, 20)) == 0
    second = deadline.escalations.get(level=2)
    assert second.told_org == tree.county
    assert [e.pk for e in selectors.escalations_for(staff.admin)] == [second.pk]
    assert [e.pk for e in selectors.escalations_for(staff.town_a)] == [first.pk]
    assert not selectors.escalations_for(staff.town_b).exists()


def test_a_met_or_extended_deadline_is_not_escalated(tree, staff):
    met = open_deadline(tree.union_a1, object_id=1)
    services.deadline_close(owner="tests.thing", object_id=1, purpose="act")
    extended = open_deadline(tree.union_a1, object_id=2)
    services.deadline_extend(actor=staff.town_a, deadline=extended, amount=5, reason="病假")
    assert services.deadlines_escalate(at(2026, 12, 11)) == 0
    assert not Escalation.objects.filter(deadline__in=[met, extended]).exists()


def test_late_in_my_subtree(tree, staff):
    open_deadline(tree.union_a1, object_id=1)
    open_deadline(tree.union_b1, object_id=2)
    open_deadline(tree.union_a2, object_id=3, unit=Unit.HOURS, amount=500)
    with time_machine.travel(at(2026, 12, 10, 9), tick=False):
        assert {d.object_id for d in selectors.late_in_subtree(staff.town_a)} == {1}
        assert {d.object_id for d in selectors.late_in_subtree(staff.admin)} == {1, 2}
        assert not selectors.late_in_subtree(staff.union_a1.__class__()).exists()
        assert {d.object_id for d in selectors.open_in_subtree(staff.town_a)} == {1, 3}


def test_the_scheduler_registers_the_escalation_job():
    assert "gonghui.deadlines.tasks.escalate_late_deadlines" in schedule.load()


def test_a_scheduler_with_a_stale_read_records_nothing(tree):
    """What the second of two schedulers meets: it read the deadline before the first wrote
    its escalation, and its insert hits the unique constraint (nothing is told twice)."""
    deadline = open_deadline(tree.union_a1)
    step = deadline.ladder[0]
    assert services._escalate(deadline, step) == 1
    assert services._escalate(deadline, step) == 0
    assert Escalation.objects.filter(deadline=deadline, level=1).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
)
def test_two_schedulers_at_once_escalate_once():
    from gonghui.claims.tests.test_concurrency import together
    from gonghui.orgs.tests.factories import build_tree

    tree = build_tree()
    for object_id in range(1, 6):
        open_deadline(tree.union_a1, object_id=object_id)
    results = together(*(lambda: services.deadlines_escalate(at(2026, 12, 14)) for _ in range(2)))
    assert [outcome for outcome, _value in results] == ["ok", "ok"]
    assert sum(value for _outcome, value in results) == 10  # 5 deadlines × 2 levels
    assert Escalation.objects.count() == 10
    assert set(Escalation.objects.values_list("deadline__object_id", "level")) == {
        (object_id, level) for object_id in range(1, 6) for level in (1, 2)
    }
