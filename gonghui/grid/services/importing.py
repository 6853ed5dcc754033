"""The grids from Excel (core.rowimport: the whole file checked first, all or nothing, row
numbers in the Chinese errors): union code, grid name, the enterprise's credit code, the grid
member's ID number and mobile, the micro-grid members' ID numbers (separated by 、 or ,)."""

import re

from django.utils.translation import gettext as _

from gonghui.core.imports import RowError
from gonghui.core.rowimport import RowImport, import_rows
from gonghui.core.tabular import Row
from gonghui.grid.models import GridMember
from gonghui.grid.services.grids import (
    check_keeper,
    grid_ensure,
    grid_member_appoint,
    grid_member_problem,
    micro_member_add,
)
from gonghui.orgs.models import Enterprise, Organisation
from gonghui.orgs.selectors import member_find_by_id_number

COLUMNS = [
    "工会编码",
    "网格名称",
    "企业信用代码",
    "网格员身份证号",
    "网格员手机",
    "微网格员身份证号",
]


class GridImport(RowImport):
    columns = COLUMNS
    summary_keys = ("rows", "grids", "grid_members", "micro_members")

    def __init__(self, actor):
        self.actor = actor
        self.enterprises_in_file: dict[int, int] = {}

    def _union(self, row: Row) -> Organisation:
        union = Organisation.objects.filter(code=row.text("工会编码")).first()
        if union is None or not union.path.startswith(self.actor.org.path):
            raise RowError(_("No union of your organisation has the code “%(code)s”.")
                           % {"code": row.text("工会编码")})  # fmt: skip
        if not union.is_grassroots:
            raise RowError(_("A grid belongs to a grassroots union."))
        return union

    def _person(self, number: str, union: Organisation, what: str):
        person = member_find_by_id_number(number)
        if person is None:
            raise RowError(_("%(what)s: no member has this ID number.") % {"what": what})
        if person.union_id != union.pk:
            raise RowError(
                _("%(what)s %(name)s is a member of %(other)s, not of %(union)s.")
                % {
                    "what": what,
                    "name": person.name,
                    "other": person.union.name,
                    "union": union.name,
                }  # fmt: skip
            )
        return person

    def _micro(self, row: Row) -> list[str]:
        return [n for n in re.split(r"[、,，;；\s]+", row.text("微网格员身份证号")) if n]

    def _enterprise(self, row: Row, union) -> Enterprise:
        enterprise = Enterprise.objects.filter(credit_code=row.text("企业信用代码")).first()
        if enterprise is None or enterprise.union_id != union.pk:
            raise RowError(_("%(union)s covers no enterprise with this credit code.")
                           % {"union": union.name})  # fmt: skip
        return enterprise

    def check(self, row: Row) -> list[str]:
        union = self._union(row)
        check_keeper(self.actor, union)
        if not row.text("网格名称"):
            raise RowError(_("“网格名称” is required."))
        if row.text("网格员身份证号"):
            enterprise = self._enterprise(row, union)
            person = self._person(row.text("网格员身份证号"), union, _("The grid member"))
            first = self.enterprises_in_file.setdefault(enterprise.pk, row.number)
            if first != row.number:
                raise RowError(
                    _("%(enterprise)s is given a second grid member (first in row %(row)d): one "
                      "enterprise, one grid member.") % {"enterprise": enterprise.name, "row": first}
                )  # fmt: skip
            grid = union.grid if hasattr(union, "grid") else None
            if grid is not None:
                problem = grid_member_problem(grid=grid, enterprise=enterprise, member=person)
                if problem:
                    raise RowError(problem)
            elif GridMember.objects.filter(enterprise=enterprise).exists():
                raise RowError(_("%(enterprise)s already has a grid member (one enterprise, one "
                                 "grid member).") % {"enterprise": enterprise.name})  # fmt: skip
        for number in self._micro(row):
            self._person(number, union, _("The micro-grid member"))
        return []

    def write(self, row: Row) -> dict[str, int]:
        union = self._union(row)
        existed = hasattr(union, "grid")
        grid = grid_ensure(actor=self.actor, union=union, name=row.text("网格名称"))
        counts = {"rows": 1, "grids": int(not existed), "grid_members": 0, "micro_members": 0}
        if row.text("网格员身份证号"):
            person = self._person(row.text("网格员身份证号"), union, _("The grid member"))
            if row.text("网格员手机") and not person.mobile:
                person.mobile = row.text("网格员手机")
            grid_member_appoint(
                actor=self.actor, grid=grid, enterprise=self._enterprise(row, union), member=person
            )
            counts["grid_members"] = 1
        for number in self._micro(row):
            micro_member_add(actor=self.actor, grid=grid,
                             member=self._person(number, union, _("The micro-grid member")))  # fmt: skip
            counts["micro_members"] += 1
        return counts


def grids_import_job(*, job, source, run):
    return import_rows(GridImport(job.created_by), source, run)


def grids_import(*, actor, source):
    """Run the import in this process (tests, the command line)."""
    return import_rows(GridImport(actor), source)
