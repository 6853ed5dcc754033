"""Demo calendar: the 2026 public holidays and make-up working days as the State Council's
notice of November 2025 was remembered when this demo was written. They are typed in from
memory, not from the notice, so every row is marked "demo data, to be checked" and the
calendar page asks staff to check them against the notice (and to confirm or correct them).
Idempotent: a day already in the calendar is left as it is."""

import datetime

from gonghui.deadlines.models import CalendarDay, DayKind, DaySource

D = datetime.date
HOLIDAYS_2026 = (
    ("元旦", D(2026, 1, 1), D(2026, 1, 3)),
    ("春节", D(2026, 2, 15), D(2026, 2, 23)),
    ("清明节", D(2026, 4, 4), D(2026, 4, 6)),
    ("劳动节", D(2026, 5, 1), D(2026, 5, 5)),
    ("端午节", D(2026, 6, 19), D(2026, 6, 21)),
    ("中秋节", D(2026, 9, 25), D(2026, 9, 27)),
    ("国庆节", D(2026, 10, 1), D(2026, 10, 7)),
)
WORKDAYS_2026 = (
    ("元旦调休上班", D(2026, 1, 4)),
    ("春节调休上班", D(2026, 2, 14)),
    ("春节调休上班", D(2026, 2, 28)),
    ("劳动节调休上班", D(2026, 5, 9)),
    ("国庆节调休上班", D(2026, 9, 20)),
    ("国庆节调休上班", D(2026, 10, 10)),
)


def rows_2026():
    for name, first, last in HOLIDAYS_2026:
        day = first
        while day <= last:
            yield day, DayKind.HOLIDAY, name
            day += datetime.timedelta(days=1)
    for name, day in WORKDAYS_2026:
        yield day, DayKind.WORKDAY, name


def load(orgs: dict) -> int:
    """The national rows for 2026; returns how many were added."""
    added = 0
    for day, kind, name in rows_2026():
        _row, created = CalendarDay.objects.get_or_create(
            day=day,
            federation=None,
            defaults={"kind": kind, "name": name, "source": DaySource.DEMO},
        )
        added += created
    return added
