"""The working-day calendar: the pure functions over it, the rows county administrators keep
(national or their federation's), the Excel/CSV import (all or nothing), the page and the API,
and the hardship notice minimum counted with it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.dates import (
    WorkCalendar,
    add_working_days,
    is_working_day,
    working_day_end,
    working_days,
)
from gonghui.deadlines import calendar
from gonghui.deadlines.models import CalendarDay, DayKind, DaySource

D = datetime.date
# A National Day week as the tests' own data (not a claim about any real year's schedule):
# 1-7 October off, Sunday 27 September and Saturday 10 October worked.
GOLDEN = WorkCalendar(
    holidays=frozenset(D(2026, 10, day) for day in range(1, 8)),
    workdays=frozenset({D(2026, 9, 27), D(2026, 10, 10)}),
)


def test_pure_functions_skip_holidays_and_count_make_up_days():
    assert is_working_day(D(2026, 9, 27), GOLDEN)  # a Sunday worked
    assert not is_working_day(D(2026, 9, 27))  # the same Sunday without a calendar
    assert not is_working_day(D(2026, 10, 1), GOLDEN)  # Thursday, a holiday
    # Mon 21 Sep to Mon 12 Oct: 5 + Sun 27 + 3 + (Oct 1-7 off) + Thu 8, Fri 9 + Sat 10 + Mon 12
    assert working_days(D(2026, 9, 21), D(2026, 10, 12), GOLDEN) == 13
    assert working_days(D(2026, 9, 21), D(2026, 10, 12)) == 16  # Monday to Friday only
    assert working_days(D(2026, 10, 2), D(2026, 10, 1), GOLDEN) == 0
    # Filed Wednesday 30 September: 1 working day later is Thursday 8 October.
    assert add_working_days(D(2026, 9, 30), 1, GOLDEN) == D(2026, 10, 8)
    assert add_working_days(D(2026, 9, 30), 3, GOLDEN) == D(2026, 10, 10)  # the Saturday
    assert add_working_days(D(2026, 9, 30), 0, GOLDEN) == D(2026, 9, 30)
    assert working_day_end(D(2026, 9, 30), 2, GOLDEN) == D(2026, 10, 8)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 9, 30), -1, GOLDEN)


def test_working_days_agrees_with_counting_day_by_day():
    start = D(2026, 9, 1)
    for length in range(0, 60):
        end = start + datetime.timedelta(days=length)
        by_day = sum(
            is_working_day(start + datetime.timedelta(days=i), GOLDEN) for i in range(length + 1)
        )
        assert working_days(start, end, GOLDEN) == by_day


def test_federation_row_overrides_the_national_one(tree, staff):
    calendar.calendar_day_set(
        actor=staff.admin, day=D(2026, 10, 8), kind=DayKind.HOLIDAY, name="国庆节", national=True
    )
    calendar.calendar_day_set(
        actor=staff.admin, day=D(2026, 10, 10), kind=DayKind.WORKDAY, name="调休", national=True
    )
    national = calendar.work_calendar(None)
    assert D(2026, 10, 8) in national.holidays and D(2026, 10, 10) in national.workdays
    # This county works on Thursday the 8th after all (its own row overrides the nation's).
    calendar.calendar_day_set(
        actor=staff.admin, day=D(2026, 10, 8), kind=DayKind.WORKDAY, name="x", national=False
    )
    local = calendar.calendar_for_org(tree.union_a1)
    assert D(2026, 10, 8) not in local.holidays and D(2026, 10, 10) in local.workdays


def test_workday_rows_must_be_weekends_and_only_county_admins_keep_the_calendar(staff):
    with pytest.raises(ValidationError) as excinfo:
        calendar.calendar_day_set(
            actor=staff.admin, day=D(2026, 10, 9), kind=DayKind.WORKDAY, name="调休", national=True
        )
    assert "只有周六或周日" in str(excinfo.value.messages)
    with pytest.raises(PermissionDenied):
        calendar.calendar_day_set(
            actor=staff.town_a, day=D(2026, 10, 1), kind=DayKind.HOLIDAY, name="国庆", national=True
        )
    assert not CalendarDay.objects.exists()


def _csv(tmp_path, lines):
    path = tmp_path / "calendar.csv"
    path.write_bytes(("日期,类型,名称,范围\n" + "\n".join(lines) + "\n").encode("gbk"))
    return path


def test_import_is_all_or_nothing_with_row_errors(staff, tmp_path):
    report = calendar.calendar_import(
        actor=staff.admin,
        source=_csv(
            tmp_path,
            [
                "2026/10/1,放假,国庆节,全国",
                "2026-10-09,上班,调休,全国",  # a Friday
                "20261002,休假,国庆节,全国",  # unknown kind
                "2026-10-01,放假,国庆节,全国",  # twice
                "2026-10-03,放假,国庆节,外省",
            ],
        ),
    )
    assert not report.applied
    messages = dict(report.errors)
    assert set(messages) == {3, 4, 5, 6}
    assert "只有周六或周日" in messages[3]
    assert "既不是“放假”" in messages[4]
    assert "第 2 行" in messages[5]
    assert "全国" in messages[6]
    assert not CalendarDay.objects.exists()


def test_import_writes_national_and_local_rows(staff, tmp_path):
    report = calendar.calendar_import(
        actor=staff.admin,
        source=_csv(tmp_path, ["2026-10-01,放假,国庆节,", "2026-10-10,上班,国庆调休,本地"]),
    )
    assert report.applied and report.summary["written"] == 2
    rows = {row.day: row for row in CalendarDay.objects.all()}
    assert rows[D(2026, 10, 1)].federation is None
    assert rows[D(2026, 10, 10)].federation == staff.admin.org
    assert {row.source for row in rows.values()} == {DaySource.IMPORT}


def test_page_shows_the_year_and_the_admin_enters_a_day(client_for, staff):
    client = client_for(staff.admin)
    response = client.post(
        "/staff/deadlines/calendar/",
        {"day": "2026-10-01", "kind": "holiday", "name": "国庆节", "national": "1"},
    )
    assert response.status_code == 302
    page = client.get("/staff/deadlines/calendar/?year=2026").content.decode()
    assert "工作日历" in page and "国庆节" in page and "2026-10-01" in page
    assert "260 个工作日" in page  # 261 weekdays less the one holiday entered
