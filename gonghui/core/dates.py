"""Dates as union files carry them: 2021-03-01, 2021/3/1, 20210301, 2021.3.1, 2021年3月1日,
or an Excel serial number."""

import datetime
import re
from dataclasses import dataclass

EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SEPARATED = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_serial(value)
    text = str(value or "").strip()
    if not text:
        raise ValueError("empty date")
    text = text.split(" ")[0].split("T")[0]
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return datetime.date(year, month, day)
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return _from_serial(float(text))
    raise ValueError(f"not a date: {value!r}")


def _from_serial(serial: float) -> datetime.date:
    if not 1 <= serial < 2958466:
        raise ValueError(f"not an Excel date: {serial!r}")
    return EXCEL_EPOCH + datetime.timedelta(days=int(serial))


def add_months_end(day: datetime.date, months: int) -> datetime.date:
    """The last day of the month `months` after `day`'s month (claim deadlines)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    first_of_next = datetime.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


@dataclass(frozen=True)
class WorkCalendar:
    """Which days are worked: Monday to Friday, less the public holidays, plus the weekend
    days worked in exchange (调休). The rows are kept by staff (deadlines.calendar builds one
    of these from them); these functions are pure over it."""

    holidays: frozenset[datetime.date] = frozenset()
    workdays: frozenset[datetime.date] = frozenset()  # weekend days worked (调休上班)


WEEKDAYS_ONLY = WorkCalendar()


def is_working_day(day: datetime.date, calendar: WorkCalendar = WEEKDAYS_ONLY) -> bool:
    if day in calendar.workdays:
        return True
    if day in calendar.holidays:
        return False
    return day.weekday() < 5


def working_days(
    start: datetime.date, end: datetime.date, calendar: WorkCalendar = WEEKDAYS_ONLY
) -> int:
    """Working days from `start` to `end`, both included (0 when end is before start)."""
    if end < start:
        return 0
    weeks, rest = divmod((end - start).days + 1, 7)
    counted = weeks * 5 + sum(
        (start + datetime.timedelta(days=weeks * 7 + i)).weekday() < 5 for i in range(rest)
    )
    for day in calendar.holidays:
        counted -= start <= day <= end and day.weekday() < 5 and day not in calendar.workdays
    for day in calendar.workdays:
        counted += start <= day <= end and day.weekday() >= 5
    return counted


def working_day_end(
    start: datetime.date, days: int, calendar: WorkCalendar = WEEKDAYS_ONLY
) -> datetime.date:
    """The last day of a span from `start` that holds `days` working days."""
    day, counted = start, 0
    while True:
        counted += is_working_day(day, calendar)
        if counted >= days:
            return day
        day += datetime.timedelta(days=1)


def add_working_days(
    start: datetime.date, days: int, calendar: WorkCalendar = WEEKDAYS_ONLY
) -> datetime.date:
    """The day `days` working days after `start` (start itself not counted): a deadline of
    3 working days from a case filed on Friday falls on Wednesday. 0 gives `start`."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    while days:
        day += datetime.timedelta(days=1)
        days -= is_working_day(day, calendar)
    return day
