"""Members imported from a file (the staff page, as a background job): every row checked
first, then written in chunks (core.rowimport)."""

from django.utils.translation import gettext as _

from gonghui.core import crypto, idnumber
from gonghui.core.dates import parse_date
from gonghui.core.imports import ImportReport, RowError
from gonghui.core.rowimport import RowImport, import_rows
from gonghui.orgs.models import GRASSROOTS_KINDS, EmploymentGroup, Enterprise, Member
from gonghui.orgs.selectors import orgs_visible_to
from gonghui.orgs.services import (
    member_create,
    member_prepare,
    member_update,
    parse_yes_no,
    validate_credit_code,
)

MEMBER_IMPORT_COLUMNS = ["工会编码", "姓名", "身份证号", "手机号"]
# Files are written in Chinese whatever the interface language.
GROUP_BY_CHINESE = {
    "货车司机": EmploymentGroup.TRUCK_DRIVER,
    "快递员": EmploymentGroup.COURIER,
    "网约送餐员": EmploymentGroup.DELIVERY_RIDER,
    "外卖骑手": EmploymentGroup.DELIVERY_RIDER,
    "网约车司机": EmploymentGroup.RIDE_HAILING,
    "家政服务员": EmploymentGroup.DOMESTIC_WORKER,
    "护工护理员": EmploymentGroup.CARE_WORKER,
    "商场信息员": EmploymentGroup.MALL_INFO,
    "房产中介": EmploymentGroup.ESTATE_AGENT,
    "保安员": EmploymentGroup.SECURITY_GUARD,
    "民宿农家乐从业人员": EmploymentGroup.HOMESTAY,
    "其他": EmploymentGroup.OTHER,
}


def members_import(*, actor, source, run=None) -> ImportReport:
    """Members from Excel/CSV: 工会编码, 姓名, 身份证号, 手机号, and optionally 企业信用代码,
    入会日期, 基本医疗保险, 生育保险, 开户银行, 银行卡号, 新就业形态. New ID numbers create
    members, known ones are updated. Every row is checked first; one bad row refuses the
    whole file; then the rows are written in chunks (core.rowimport)."""
    return import_rows(_MemberImport(actor), source, run)


class _MemberImport(RowImport):
    columns = MEMBER_IMPORT_COLUMNS
    summary_keys = ("rows", "created", "updated", "rejected")

    def __init__(self, actor):
        self.actor = actor
        visible = orgs_visible_to(actor)
        self.unions = {org.code: org for org in visible.filter(kind__in=GRASSROOTS_KINDS)}
        self.scope = set(visible.values_list("pk", flat=True))
        self.seen: dict[str, int] = {}
        self.members: dict[str, Member] = {}

    def prepare(self, rows) -> None:
        self.members = members_by_number(row.text("身份证号") for row in rows)

    def check(self, row) -> list[str]:
        number, fields = _member_row(row, self.unions)
        if number in self.seen:
            raise RowError(_("This ID number is also in row %(row)d.") % {"row": self.seen[number]})
        self.seen[number] = row.number
        existing = self.members.get(number)
        member_prepare(
            actor=self.actor,
            member=existing,
            id_number=number if existing is None else None,
            scope=self.scope,
            **fields,
        )
        return []

    def write(self, row) -> dict[str, int]:
        number, fields = _member_row(row, self.unions)
        existing = self.members.get(number)
        if existing is None:
            member_create(actor=self.actor, id_number=number, scope=self.scope, **fields)
            return {"created": 1}
        member_update(actor=self.actor, member=existing, scope=self.scope, **fields)
        return {"updated": 1}


def members_by_number(raw_numbers) -> dict[str, Member]:
    """The registered members among these ID numbers (as written in a file), by normalised
    number, in one query: what an import reads ahead for a block of rows."""
    numbers = {idnumber.normalize(raw) for raw in raw_numbers}
    hashes = {crypto.lookup_hash(number): number for number in numbers if number}
    members = Member.objects.filter(id_hash__in=list(hashes)).select_related("union")
    return {hashes[member.id_hash]: member for member in members}


def _member_row(row, unions) -> tuple[str, dict]:
    """The row's ID number and the member's fields, or RowError/ValidationError."""
    union = unions.get(row.text("工会编码"))
    if union is None:
        raise RowError(
            _("The union code “%(code)s” is not a grassroots union you keep.")
            % {"code": row.text("工会编码")}
        )
    parsed = idnumber.parse(row.text("身份证号"))
    fields = {"name": row.text("姓名"), "mobile": row.text("手机号"), "union": union}
    if row.text("企业信用代码"):
        code = validate_credit_code(row.text("企业信用代码"))
        enterprise = Enterprise.objects.filter(credit_code=code, union=union).first()
        if enterprise is None:
            raise RowError(_("No enterprise with this credit code is covered by this union."))
        fields["enterprise"] = enterprise
    if row.text("入会日期"):
        try:
            fields["join_date"] = parse_date(row.values.get("入会日期"))
        except ValueError as exc:
            raise RowError(
                _("The join date “%(value)s” is not a date.") % {"value": row.text("入会日期")}
            ) from exc
    for column, name in (
        ("基本医疗保险", "basic_medical_insurance"),
        ("生育保险", "maternity_insurance"),
    ):
        if column in row.values:
            fields[name] = parse_yes_no(row.text(column), column)
    if row.text("开户银行"):
        fields["bank_name"] = row.text("开户银行")
    if row.text("银行卡号"):
        fields["bank_card"] = row.text("银行卡号")
    if row.text("新就业形态"):
        group = GROUP_BY_CHINESE.get(row.text("新就业形态"))
        if group is None:
            raise RowError(
                _("Unknown new-employment group “%(value)s”.") % {"value": row.text("新就业形态")}
            )
        fields["employment_group"] = group
    return parsed.number, fields


def members_import_job(*, job, source, run) -> ImportReport:
    return members_import(actor=job.created_by, source=source, run=run)
