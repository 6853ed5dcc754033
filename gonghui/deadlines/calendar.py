"""The working-day calendar: the rows staff keep (holidays and 调休 working days, national or
for one federation), the WorkCalendar built from them for core.dates' pure functions, and
the import of a year's rows from Excel/CSV (core.rowimport: all or nothing, row errors)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gonghui.core import dates
from gonghui.core.dates import WorkCalendar
from gonghui.core.imports import ImportReport, RowError
from gonghui.core.rowimport import RowImport, import_rows
from gonghui.deadlines import access
from gonghui.deadlines.models import CalendarDay, DayKind, DaySource

IMPORT_COLUMNS = ["日期", "类型", "名称"]
OPTIONAL_COLUMNS = ["范围"]
EXAMPLE_ROWS = [
    ["2026-10-01", "放假", "国庆节", "全国"],
    ["2026-10-10", "上班", "国庆节调休", "全国"],
]
KIND_BY_CHINESE = {
    "放假": DayKind.HOLIDAY,
    "休息": DayKind.HOLIDAY,
    "节假日": DayKind.HOLIDAY,
    "上班": DayKind.WORKDAY,
    "调休上班": DayKind.WORKDAY,
    "补班": DayKind.WORKDAY,
}
NATIONAL_WORDS = {"", "全国", "国家"}
LOCAL_WORDS = {"本地", "本会", "本联合会"}


def federation_id_of_org(org) -> int | None:
    head = (org.path or "").strip("/").split("/", 1)[0] if org is not None else ""
    return int(head) if head else None


def work_calendar(federation_id: int | None = None) -> WorkCalendar:
    """The calendar that applies in a federation: the national rows, each overridden by the
    federation's own row for the same day."""
    rows = CalendarDay.objects.filter(
        Q(federation__isnull=True) | Q(federation_id=federation_id)
    ).values_list("day", "kind", "federation_id")
    kinds: dict[datetime.date, str] = {}
    for day, kind, _federation in sorted(rows, key=lambda row: row[2] is not None):
        kinds[day] = kind  # national first, the federation's row last (it wins)
    return WorkCalendar(
        holidays=frozenset(day for day, kind in kinds.items() if kind == DayKind.HOLIDAY),
        workdays=frozenset(day for day, kind in kinds.items() if kind == DayKind.WORKDAY),
    )


def calendar_for_org(org) -> WorkCalendar:
    return work_calendar(federation_id_of_org(org))


def _check_keeper(actor) -> None:
    if not access.can_keep_calendar(actor):
        raise PermissionDenied(_("Only county administrators keep the working-day calendar."))


def _national_holiday(day: datetime.date) -> bool:
    return CalendarDay.objects.filter(
        day=day, federation__isnull=True, kind=DayKind.HOLIDAY
    ).exists()


def _check_day(day: datetime.date, kind: str, name: str, *, national: bool) -> None:
    """A working-day row is for a weekend day, or, for one federation, a weekday the nation
    has off but the federation works (its own row overrides the national one)."""
    if kind not in DayKind.values:
        raise ValidationError(_("Choose holiday or make-up working day."), code="calendar_kind")
    overrides = not national and day.weekday() < 5 and _national_holiday(day)
    if kind == DayKind.WORKDAY and day.weekday() < 5 and not overrides:
        raise ValidationError(
            _("%(day)s is a weekday: only a Saturday or Sunday can be a make-up working day.")
            % {"day": day.isoformat()},
            code="calendar_workday_weekday",
        )
    if not name.strip():
        raise ValidationError(_("Name the holiday (e.g. 国庆节)."), code="calendar_name")


@transaction.atomic
def calendar_day_set(
    *, actor, day: datetime.date, kind: str, name: str, national: bool, source=DaySource.STAFF
) -> CalendarDay:
    """Enter or change the row for one day (national, or for the actor's federation)."""
    _check_keeper(actor)
    _check_day(day, kind, name, national=national)
    federation_id = None if national else federation_id_of_org(actor.org)
    row, _created = CalendarDay.objects.update_or_create(
        day=day,
        federation_id=federation_id,
        defaults={"kind": kind, "name": name.strip(), "source": source, "updated_by": actor},
    )
    return row


def days_kept_by(actor):
    """The rows the actor's calendar is made of: national ones and their federation's."""
    return CalendarDay.objects.filter(
        Q(federation__isnull=True) | Q(federation_id=federation_id_of_org(actor.org))
    )


@transaction.atomic
def calendar_day_remove(*, actor, row: CalendarDay) -> None:
    _check_keeper(actor)
    if not days_kept_by(actor).filter(pk=row.pk).exists():
        raise PermissionDenied(_("This row belongs to another federation."))
    row.delete()


@transaction.atomic
def calendar_year_confirm(*, actor, year: int) -> int:
    """Staff checked a year's demo rows against the State Council's notice: they become
    staff rows. Returns how many were confirmed."""
    _check_keeper(actor)
    return (
        days_kept_by(actor)
        .filter(day__year=year, source=DaySource.DEMO)
        .update(source=DaySource.STAFF, updated_by=actor)
    )


def calendar_import(*, actor, source, run=None) -> ImportReport:
    """Rows 日期, 类型 (放假 / 上班), 名称, and optionally 范围 (全国, or 本地 for the actor's
    federation). Every row is checked first; one bad row refuses the whole file."""
    _check_keeper(actor)
    return import_rows(_CalendarImport(actor), source, run)


def calendar_import_job(*, job, source, run) -> ImportReport:
    return calendar_import(actor=job.created_by, source=source, run=run)


class _CalendarImport(RowImport):
    columns = IMPORT_COLUMNS
    summary_keys = ("rows", "written", "rejected")

    def __init__(self, actor):
        self.actor = actor
        self.seen: dict[tuple, int] = {}

    def check(self, row) -> list[str]:
        day, kind, name, national = _parse(row)
        key = (day, national)
        if key in self.seen:
            raise RowError(
                _("The date %(day)s is also in row %(row)d.")
                % {"day": day.isoformat(), "row": self.seen[key]}
            )
        self.seen[key] = row.number
        _check_day(day, kind, name, national=national)
        return []

    def write(self, row) -> dict[str, int]:
        day, kind, name, national = _parse(row)
        calendar_day_set(
            actor=self.actor,
            day=day,
            kind=kind,
            name=name,
            national=national,
            source=DaySource.IMPORT,
        )
        return {"written": 1}


def _parse(row) -> tuple[datetime.date, str, str, bool]:
    try:
        day = dates.parse_date(row.values.get("日期"))
    except ValueError as exc:
        raise RowError(
            _("The date “%(value)s” is not a date.") % {"value": row.text("日期")}
        ) from exc
    kind = KIND_BY_CHINESE.get(row.text("类型"))
    if kind is None:
        raise RowError(
            _("The kind “%(value)s” is neither 放假 nor 上班.") % {"value": row.text("类型")}
        )
    scope = row.text("范围")
    if scope not in NATIONAL_WORDS | LOCAL_WORDS:
        raise RowError(_("The scope “%(value)s” is neither 全国 nor 本地.") % {"value": scope})
    return day, kind, row.text("名称"), scope in NATIONAL_WORDS
