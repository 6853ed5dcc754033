"""The case's clocks with a time machine: green, amber (less than 25% of the time left) and red
at their boundaries; the daily escalation once per level; 24 hours for a critical case; one
extension with a reason; a holiday of the calendar is not a working day."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from gonghui.deadlines.models import CalendarDay, Escalation
from gonghui.deadlines.selectors import state_of
from gonghui.deadlines.services import deadlines_escalate
from gonghui.grid.models import Severity
from gonghui.grid.services import casefile, cases
from gonghui.grid.services.deadlines import current_deadline
from gonghui.grid.tests.factories import file_case

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(*parts):
    return datetime.datetime(*parts, tzinfo=TZ)


def filed_monday(g, **fields):
    with time_machine.travel(at(2026, 12, 7, 9), tick=False):
        return file_case(g.user_a, g, **fields)


def test_a_medium_case_is_due_after_seven_working_days_green_amber_red(g):
    case = filed_monday(g, severity=Severity.MEDIUM)
    deadline = current_deadline(case)
    assert deadline.due_at == at(2026, 12, 17)  # Tue 8 … Wed 16 counted, weekend skipped
    assert state_of(deadline, at(2026, 12, 14, 14, 14)) == "green"
    assert state_of(deadline, at(2026, 12, 14, 14, 16)) == "amber"  # 57.75 h of 231 h left
    assert state_of(deadline, at(2026, 12, 16, 23, 59)) == "amber"
    assert state_of(deadline, at(2026, 12, 17)) == "red"


def test_a_holiday_in_the_calendar_moves_the_due_day(g):
    CalendarDay.objects.create(day=datetime.date(2026, 12, 9), kind="holiday", name="测试假日")
    case = filed_monday(g, severity=Severity.HIGH)
    assert current_deadline(case).due_at == at(2026, 12, 12)  # Tue 8, Thu 10, Fri 11


def test_a_critical_case_has_24_hours(g):
    case = filed_monday(g, severity=Severity.CRITICAL)
    deadline = current_deadline(case)
    assert deadline.due_at == at(2026, 12, 8, 9)
    assert state_of(deadline, at(2026, 12, 8, 2, 59)) == "green"
    assert state_of(deadline, at(2026, 12, 8, 3, 1)) == "amber"


def test_the_daily_escalation_reaches_each_level_once_at_its_boundary(g):
    case = filed_monday(g, severity=Severity.MEDIUM)
    assert deadlines_escalate(at(2026, 12, 16, 23, 59, 59)) == 0
    assert deadlines_escalate(at(2026, 12, 17, 0, 0, 1)) == 1
    assert deadlines_escalate(at(2026, 12, 17, 23, 59)) == 0  # level 1 not twice
    assert deadlines_escalate(at(2026, 12, 18, 0, 0, 1)) == 1  # a working day late: the town
    assert deadlines_escalate(at(2026, 12, 21, 23, 59)) == 0
    assert deadlines_escalate(at(2026, 12, 22, 0, 0, 1)) == 1  # three days late: the county
    assert deadlines_escalate(at(2026, 12, 30)) == 0
    levels = Escalation.objects.filter(deadline__object_id=case.pk).values_list("level", flat=True)
    assert sorted(levels) == [1, 2, 3]
    assert case.events.filter(action="late").count() == 3


def test_accepting_meets_the_first_deadline_and_nothing_is_escalated(g):
    case = filed_monday(g)
    with time_machine.travel(at(2026, 12, 9, 10), tick=False):
        cases.case_accept(actor=g.user_a, case=case)
    assert deadlines_escalate(at(2026, 12, 30)) == 0
    assert current_deadline(case).purpose == "mediation"


def test_one_extension_with_a_reason(g, staff):
    case = filed_monday(g)
    with pytest.raises(ValidationError):
        casefile.case_deadline_extend(actor=staff.union_a1, case=case, amount=3, reason=" ")
    extended = casefile.case_deadline_extend(
        actor=staff.union_a1, case=case, amount=3, reason="当事人出差"
    )
    assert extended.due_at == at(2026, 12, 22)  # three working days after Wed 16
    with pytest.raises(ValidationError):
        casefile.case_deadline_extend(actor=staff.union_a1, case=case, amount=3, reason="再延")
    assert case.events.filter(action="extend").count() == 1
