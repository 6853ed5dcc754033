"""Import of an existing register from Excel/CSV (GBK or UTF-8): one row per contract, the
enterprise by its credit code (or exact name), all or nothing with row-numbered errors.
Imported contracts arrive effective (they were filed under the old register)."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from gonghui.contracts import access, workflow
from gonghui.contracts.models import (
    OBJECTION_DAYS,
    Contract,
    ContractEnterprise,
    ContractEvent,
    Kind,
    Level,
)
from gonghui.core.dates import parse_date
from gonghui.core.imports import RowError
from gonghui.core.rowimport import RowImport, import_rows
from gonghui.core.tabular import Row
from gonghui.orgs.models import Enterprise, Organisation

KIND_WORDS = {
    "综合": Kind.COMPREHENSIVE,
    "综合性": Kind.COMPREHENSIVE,
    "工资专项": Kind.WAGE,
    "工资": Kind.WAGE,
    "女职工专项": Kind.WOMEN,
    "女职工": Kind.WOMEN,
    "劳动安全卫生专项": Kind.SAFETY,
    "劳动安全卫生": Kind.SAFETY,
}
COLUMNS = [
    "企业信用代码",
    "企业名称",
    "合同类型",
    "签订日期",
    "开始日期",
    "结束日期",
    "覆盖职工数",
    "上年平均工资",
    "调整幅度",
]


class ContractImport(RowImport):
    columns = ["合同类型", "开始日期", "结束日期", "覆盖职工数"]  # the others may be left out
    summary_keys = ("rows", "rejected", "created")

    def __init__(self, *, actor, federation: Organisation):
        self.actor = actor
        self.federation = federation
        self.enterprises = Enterprise.objects.filter(
            area__path__startswith=federation.path
        ).select_related("union", "area")
        if actor is not None:
            from gonghui.orgs.selectors import enterprises_visible_to

            self.enterprises = enterprises_visible_to(actor).select_related("union", "area")

    def _enterprise(self, row: Row) -> Enterprise:
        code, name = row.text("企业信用代码").upper(), row.text("企业名称")
        if code:
            found = self.enterprises.filter(credit_code=code).first()
            if found is None:
                raise RowError(
                    _("No enterprise of your organisation has the credit code %(code)s.")
                    % {"code": code}
                )
            return found
        if not name:
            raise RowError(_("“企业信用代码” or “企业名称” is required."))
        found = list(self.enterprises.filter(name=name)[:2])
        if len(found) != 1:
            raise RowError(
                _("No single enterprise of your organisation is named %(name)s.") % {"name": name}
            )
        return found[0]

    def _date(self, row: Row, column: str) -> datetime.date:
        try:
            return parse_date(row.values.get(column))
        except (TypeError, ValueError) as exc:
            raise RowError(_("“%(column)s” is not a date.") % {"column": column}) from exc

    def _decimal(self, row: Row, column: str) -> Decimal | None:
        text = row.text(column).replace("%", "").replace(",", "")
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation as exc:
            raise RowError(_("“%(column)s” is not a number.") % {"column": column}) from exc
        if not value.is_finite() or (value < 0 and column != "调整幅度"):
            raise RowError(_("“%(column)s” must not be negative.") % {"column": column})
        return value

    def _parsed(self, row: Row) -> dict:
        kind = KIND_WORDS.get(row.text("合同类型"))
        if kind is None:
            raise RowError(
                _("“合同类型” must be one of %(words)s.") % {"words": "、".join(KIND_WORDS)}
            )
        starts_on, ends_on = self._date(row, "开始日期"), self._date(row, "结束日期")
        signed_on = self._date(row, "签订日期") if row.text("签订日期") else starts_on
        if ends_on < starts_on:
            raise RowError(
                _("The end date (%(end)s) is before the start date (%(start)s).")
                % {"end": ends_on, "start": starts_on}
            )
        text = row.text("覆盖职工数")
        if not text.isdigit():
            raise RowError(_("“覆盖职工数” must be a whole number, not negative."))
        return {
            "enterprise": self._enterprise(row),
            "kind": kind,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "signed_on": signed_on,
            "workers": int(text),
            "average_wage": self._decimal(row, "上年平均工资"),
            "adjustment_pct": self._decimal(row, "调整幅度"),
        }

    def check(self, row: Row) -> list[str]:
        self._parsed(row)
        return []

    def write(self, row: Row) -> dict[str, int]:
        data = self._parsed(row)
        enterprise = data["enterprise"]
        org = enterprise.union or enterprise.area
        effective_on = data["signed_on"] + datetime.timedelta(days=OBJECTION_DAYS)
        contract = Contract.objects.create(
            federation=self.federation,
            org=org,
            title=f"{enterprise.name}{Kind(data['kind']).label}集体合同",
            level=Level.ENTERPRISE,
            kind=data["kind"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            signed_on=data["signed_on"],
            effective_on=effective_on,
            status=workflow.check_move(status=workflow.NEW, action="import"),
            average_wage=data["average_wage"],
            adjustment_pct=data["adjustment_pct"],
            created_by=self.actor,
        )
        ContractEnterprise.objects.create(
            contract=contract, enterprise=enterprise, workers_covered=data["workers"]
        )
        ContractEvent.objects.create(
            contract=contract,
            action="import",
            to_status=contract.status,
            on=data["signed_on"],
            actor=self.actor,
        )
        return {"created": 1}


def contracts_import(*, actor, federation: Organisation, source):
    if actor is not None and not access.can_keep(actor):
        raise PermissionDenied(_("Your role may not record collective contracts."))
    return import_rows(ContractImport(actor=actor, federation=federation), source)


def contracts_import_job(*, job, source, run):
    actor = job.created_by
    if not access.can_keep(actor):
        raise PermissionDenied(_("Your role may not record collective contracts."))
    federation = Organisation.objects.get(pk=actor.org.ancestor_ids[0])
    return import_rows(ContractImport(actor=actor, federation=federation), source, run)


__all__ = ["ContractImport", "ValidationError", "contracts_import", "contracts_import_job"]
