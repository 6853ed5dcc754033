"""Imports from Excel/CSV (core.rowimport, run as background jobs): the honours archive
(荣誉库: people and collectives, honour, level, year) and skill-contest results (a contest is
found or created from its name and date; the contestant is matched by ID number)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.accounts.models import Role
from gonghui.core.dates import parse_date
from gonghui.core.imports import RowError
from gonghui.core.rowimport import RowImport, import_rows
from gonghui.core.tabular import Row
from gonghui.craftsman.models import Contest, ContestResult, Honour, HonourLevel
from gonghui.craftsman.services.contests import LEVELS
from gonghui.orgs.selectors import member_find_by_id_number, members_visible_to

KEEPERS = frozenset({Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
LEVEL_WORDS = {
    "全国": HonourLevel.NATIONAL,
    "国家级": HonourLevel.NATIONAL,
    "省级": HonourLevel.PROVINCIAL,
    "省": HonourLevel.PROVINCIAL,
    "市级": HonourLevel.CITY,
    "市": HonourLevel.CITY,
    "区级": HonourLevel.COUNTY,
    "县级": HonourLevel.COUNTY,
    "区县级": HonourLevel.COUNTY,
}
CONTEST_LEVELS = {"区级": "county", "县级": "county", "市级": "city", "省级": "province"}


def check_keeper(actor) -> None:
    if not (roles.is_staff(actor) and actor.role in KEEPERS):
        raise PermissionDenied(_("Your role may not import honours or contest results."))


def _level(row: Row, column: str, words: dict) -> str:
    text = row.text(column)
    if text in words:
        return words[text]
    if text in words.values():
        return text
    raise RowError(
        _("“%(column)s” must be one of %(words)s.") % {"column": column, "words": "、".join(words)}
    )


def _year(row: Row) -> int:
    text = row.text("年度")
    if not text.isdigit() or not 1950 <= int(text) <= 2100:
        raise RowError(_("“年度” must be a year such as 2024."))
    return int(text)


class HonourImport(RowImport):
    columns = ["获得者", "类别", "荣誉名称", "级别", "年度"]
    summary_keys = ("rows", "created")

    def __init__(self, actor):
        self.actor = actor

    def check(self, row: Row) -> list[str]:
        if not row.text("获得者") or not row.text("荣誉名称"):
            raise RowError(_("“获得者” and “荣誉名称” are required."))
        if row.text("类别") not in ("个人", "集体"):
            raise RowError(_("“类别” must be 个人 or 集体."))
        _level(row, "级别", LEVEL_WORDS)
        _year(row)
        return []

    def write(self, row: Row) -> dict[str, int]:
        year = _year(row)
        Honour.objects.create(
            holder_name=row.text("获得者")[:128],
            collective=row.text("类别") == "集体",
            name=row.text("荣誉名称")[:128],
            level=_level(row, "级别", LEVEL_WORDS),
            year=year,
            federation=self.actor.org,
            valid_from=datetime.date(year, 1, 1),
            valid_until=None,
        )
        return {"rows": 1, "created": 1}


class ContestResultImport(RowImport):
    columns = [
        "竞赛名称",
        "工种",
        "级别",
        "日期",
        "主办单位",
        "身份证号",
        "名次",
        "奖项",
        "评分项",
        "证书编号",
    ]
    summary_keys = ("rows", "created", "updated")

    def __init__(self, actor):
        self.actor = actor
        self.members = members_visible_to(actor)

    def _member(self, row: Row):
        person = member_find_by_id_number(row.text("身份证号"))
        if person is None or not self.members.filter(pk=person.pk).exists():
            raise RowError(_("No member of your organisation has this ID number."))
        return person

    def _date(self, row: Row) -> datetime.date:
        try:
            return parse_date(row.values.get("日期"))
        except (TypeError, ValueError) as exc:
            raise RowError(_("“日期” is not a date.")) from exc

    def check(self, row: Row) -> list[str]:
        if not row.text("竞赛名称") or not row.text("工种"):
            raise RowError(_("“竞赛名称” and “工种” are required."))
        _level(row, "级别", CONTEST_LEVELS)
        self._date(row)
        self._member(row)
        rank = row.text("名次")
        if rank and not rank.isdigit():
            raise RowError(_("“名次” must be a whole number."))
        return []

    def write(self, row: Row) -> dict[str, int]:
        level = _level(row, "级别", CONTEST_LEVELS)
        assert level in LEVELS
        contest, _created = Contest.objects.get_or_create(
            federation=self.actor.org,
            name=row.text("竞赛名称")[:128],
            date=self._date(row),
            defaults={
                "trade": row.text("工种")[:64],
                "level": level,
                "organiser": row.text("主办单位")[:128] or self.actor.org.name,
            },
        )
        person = self._member(row)
        _result, added = ContestResult.objects.update_or_create(
            contest=contest,
            member=person,
            defaults={
                "rank": int(row.text("名次")) if row.text("名次") else None,
                "prize": row.text("奖项")[:32],
                "item": row.text("评分项")[:64],
                "certificate": row.text("证书编号")[:64],
            },
        )
        return {"rows": 1, "created": int(added), "updated": int(not added)}


def honours_import_job(*, job, source, run):
    check_keeper(job.created_by)
    return import_rows(HonourImport(job.created_by), source, run)


def contest_results_import_job(*, job, source, run):
    check_keeper(job.created_by)
    return import_rows(ContestResultImport(job.created_by), source, run)
