"""Import of existing files from a federation's old system (Excel or CSV), all or nothing."""

import datetime
import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.core.dates import parse_date
from gonghui.core.imports import ImportReport, RowError
from gonghui.core.rowimport import RowImport, import_rows
from gonghui.core.validators import validate_name
from gonghui.hardship.models import (
    Action,
    Cause,
    Channel,
    FamilyMember,
    FileEvent,
    HardshipFile,
    Housing,
    Relation,
    Schooling,
    Status,
    Tier,
    TierDecision,
)
from gonghui.hardship.services.common import (
    current_date,
    money,
)
from gonghui.hardship.services.files import clean_household, compute_suggestion
from gonghui.hardship.workflow import CREATED, check_move
from gonghui.orgs.selectors import member_find_by_id_number, members_visible_to

IMPORT_COLUMNS = ["身份证号", "困难类型", "主要致困原因", "家庭年可支配收入", "共同生活人数"]
OPTIONAL_COLUMNS = [
    "姓名",
    "次要致困原因",
    "医疗支出",
    "残疾支出",
    "教育支出",
    "突发支出",
    "住房情况",
    "困难情况",
    "建档日期",
    "最近复核日期",
    "开户银行",
    "银行卡号",
    "家庭成员",
]
EXAMPLE_ROW = [
    "331004198006150011",
    "深度困难",
    "因病",
    "36000",
    "3",
    "王建国",
    "因学、失业",
    "12000",
    "0",
    "3000",
    "0",
    "自有住房",
    "妻子尿毒症长期透析",
    "2024-03-01",
    "2025-03-01",
    "台州银行",
    "6222000000000000000",
    "配偶:李梅:45;子女:王小明:12:小学",
]
# Files are written in Chinese whatever the interface language.
TIER_BY_CHINESE = {
    "深度困难": Tier.DEEP,
    "特困": Tier.DEEP,
    "相对困难": Tier.RELATIVE,
    "意外致困": Tier.ACCIDENTAL,
}
CAUSE_BY_CHINESE = {
    "因病": Cause.ILLNESS,
    "疾病": Cause.ILLNESS,
    "因残": Cause.DISABILITY,
    "残疾": Cause.DISABILITY,
    "因学": Cause.SCHOOLING,
    "子女就学": Cause.SCHOOLING,
    "失业": Cause.UNEMPLOYMENT,
    "下岗失业": Cause.UNEMPLOYMENT,
    "意外": Cause.ACCIDENT,
    "意外事故": Cause.ACCIDENT,
    "因灾": Cause.DISASTER,
    "灾害": Cause.DISASTER,
    "自然灾害": Cause.DISASTER,
}
HOUSING_BY_CHINESE = {
    "自有住房": Housing.OWN,
    "租房": Housing.RENTED,
    "公租房": Housing.PUBLIC_RENTAL,
    "借住亲友": Housing.RELATIVES,
    "危旧房": Housing.DILAPIDATED,
    "无固定住所": Housing.NONE,
}
RELATION_BY_CHINESE = {
    "配偶": Relation.SPOUSE,
    "子女": Relation.CHILD,
    "父母": Relation.PARENT,
    "公婆": Relation.PARENT_IN_LAW,
    "岳父母": Relation.PARENT_IN_LAW,
    "兄弟姐妹": Relation.SIBLING,
    "孙子女": Relation.GRANDCHILD,
    "祖父母": Relation.GRANDPARENT,
    "其他": Relation.OTHER,
}
SCHOOLING_BY_CHINESE = {
    "幼儿园": Schooling.PRESCHOOL,
    "学前": Schooling.PRESCHOOL,
    "小学": Schooling.PRIMARY,
    "初中": Schooling.JUNIOR,
    "高中": Schooling.SENIOR,
    "中职": Schooling.VOCATIONAL,
    "职高": Schooling.VOCATIONAL,
    "技校": Schooling.VOCATIONAL,
    "大学": Schooling.UNIVERSITY,
    "大专": Schooling.UNIVERSITY,
    "本科": Schooling.UNIVERSITY,
}
LIST_SEPARATORS = re.compile(r"[、,，;；/\s]+")


def files_import(*, actor, source, run=None) -> ImportReport:
    """Active files from a federation's old system, one household a row (see the import page
    for the columns). Every row is checked first; one bad row refuses the whole file; then
    the rows are written in chunks (core.rowimport). `actor` is the staff user importing
    (their subtree is the scope), or None on the command line."""
    if actor is not None:
        check_move(status=CREATED, action=Action.IMPORT, role=actor.role)
    return import_rows(_FileImport(actor), source, run)


class _FileImport(RowImport):
    columns = IMPORT_COLUMNS
    summary_keys = ("rows", "created", "family_members", "rejected")

    def __init__(self, actor):
        self.actor = actor
        self.visible = members_visible_to(actor) if actor is not None else None
        self.seen: dict[int, int] = {}
        self.today = current_date()

    def check(self, row) -> list[str]:
        member, _fields, _relatives = _read_row(row, self.visible, self.today)
        if member.pk in self.seen:
            raise RowError(
                _("This ID number is also in row %(row)d.") % {"row": self.seen[member.pk]}
            )
        _check_no_open_file(member)
        self.seen[member.pk] = row.number
        return []

    def write(self, row) -> dict[str, int]:
        member, fields, relatives = _read_row(row, self.visible, self.today)
        _check_no_open_file(member)
        _create_file(self.actor, row, member, fields, relatives, self.today)
        return {"created": 1, "family_members": len(relatives)}


def _choice(row, column: str, mapping: dict, *, required: bool = False):
    text = row.text(column)
    if not text and not required:
        return ""
    if text not in mapping:
        raise RowError(
            _("%(column)s “%(value)s” is not one of %(choices)s.")
            % {"column": column, "value": text, "choices": "、".join(mapping)}
        )
    return mapping[text]


def _row_money(row, column: str) -> Decimal:
    text = row.text(column)
    try:
        return money(text or 0, column)
    except ValidationError as exc:
        raise RowError(
            _("%(column)s “%(value)s” is not an amount.") % {"column": column, "value": text}
        ) from exc


def _row_date(row, column: str, *, default: datetime.date, latest: datetime.date) -> datetime.date:
    if not row.text(column):
        return default
    try:
        day = parse_date(row.values.get(column))
    except ValueError as exc:
        raise RowError(
            _("%(column)s “%(value)s” is not a date.")
            % {"column": column, "value": row.text(column)}
        ) from exc
    if day > latest:
        raise RowError(_("%(column)s is in the future.") % {"column": column})
    return day


def _row_family(text: str) -> list[dict]:
    """家庭成员: "配偶:李梅:45;子女:王小明:12:小学" — relation, name, age, optional school."""
    relatives = []
    for entry in (part.strip() for part in re.split(r"[;；]", text) if part.strip()):
        pieces = [piece.strip() for piece in re.split(r"[:：]", entry)]
        if len(pieces) not in (3, 4) or not pieces[2].isdigit():
            raise RowError(
                _("家庭成员 “%(entry)s” should read relation:name:age[:school].") % {"entry": entry}
            )
        relation = RELATION_BY_CHINESE.get(pieces[0])
        if relation is None:
            raise RowError(
                _("The relation “%(value)s” is not one of %(choices)s.")
                % {"value": pieces[0], "choices": "、".join(RELATION_BY_CHINESE)}
            )
        schooling = ""
        if len(pieces) == 4 and pieces[3]:
            schooling = SCHOOLING_BY_CHINESE.get(pieces[3])
            if schooling is None:
                raise RowError(
                    _("The school stage “%(value)s” is not one of %(choices)s.")
                    % {"value": pieces[3], "choices": "、".join(SCHOOLING_BY_CHINESE)}
                )
        relatives.append(
            {
                "relation": relation,
                "name": validate_name(pieces[1]),
                "age": int(pieces[2]),
                "schooling": schooling,
            }
        )
    return relatives


def _check_no_open_file(member) -> None:
    if HardshipFile.objects.filter(member=member).exclude(status=Status.CLOSED).exists():
        raise RowError(_("%(name)s already has a hardship file.") % {"name": member.name})


def _read_row(row, visible, today: datetime.date) -> tuple:
    """The row's member, the file's fields and the relatives, checked (no writes)."""
    member = member_find_by_id_number(row.text("身份证号")) if row.text("身份证号") else None
    if member is None or (visible is not None and not visible.filter(pk=member.pk).exists()):
        raise RowError(_("No member of a union you keep has this ID number."))
    if row.text("姓名") and row.text("姓名") != member.name:
        raise RowError(
            _("The name “%(file)s” does not match the member register (%(register)s).")
            % {"file": row.text("姓名"), "register": member.name}
        )
    size_text = row.text("共同生活人数")
    if not size_text.isdigit() or int(size_text) < 1:
        raise RowError(
            _("共同生活人数 “%(value)s” is not a whole number of at least 1.")
            % {"value": size_text}
        )
    secondary = []
    for text in LIST_SEPARATORS.split(row.text("次要致困原因")):
        if text:
            if text not in CAUSE_BY_CHINESE:
                raise RowError(
                    _("次要致困原因 “%(value)s” is not one of %(choices)s.")
                    % {"value": text, "choices": "、".join(CAUSE_BY_CHINESE)}
                )
            secondary.append(CAUSE_BY_CHINESE[text])
    household = clean_household(
        {
            "main_cause": _choice(row, "主要致困原因", CAUSE_BY_CHINESE, required=True),
            "secondary_causes": secondary,
            "household_size": int(size_text),
            "annual_income": _row_money(row, "家庭年可支配收入"),
            "spending_illness": _row_money(row, "医疗支出"),
            "spending_disability": _row_money(row, "残疾支出"),
            "spending_schooling": _row_money(row, "教育支出"),
            "emergency_cost": _row_money(row, "突发支出"),
            "housing": _choice(row, "住房情况", HOUSING_BY_CHINESE),
            "statement": row.text("困难情况"),
            "bank_name": row.text("开户银行"),
            "bank_card": row.text("银行卡号"),
        }
    )
    tier = _choice(row, "困难类型", TIER_BY_CHINESE, required=True)
    approved_on = _row_date(row, "建档日期", default=today, latest=today)
    reviewed_on = _row_date(row, "最近复核日期", default=approved_on, latest=today)
    relatives = _row_family(row.text("家庭成员"))
    fields = {
        "tier": tier,
        "applied_on": approved_on,
        "approved_on": approved_on,
        "reviewed_on": max(reviewed_on, approved_on),
        **household,
    }
    return member, fields, relatives


def _create_file(actor, row, member, fields: dict, relatives: list[dict], today) -> None:
    file = HardshipFile(
        member=member, status=Status.ACTIVE, channel=Channel.IMPORT, created_by=actor, **fields
    )
    tier = fields["tier"]
    compute_suggestion(file, today.year)
    file.save()
    TierDecision.objects.create(
        file=file,
        suggested_tier=file.suggested_tier,
        income_per_person=file.income_per_person,
        standard_used=file.standard_used,
        tier=tier,
        reason=_("Tier as kept in the old system."),
        action=Action.IMPORT,
        decided_by=actor,
    )
    FileEvent.objects.create(
        file=file,
        action=Action.IMPORT,
        from_status=CREATED,
        to_status=Status.ACTIVE,
        actor=actor,
        note=_("Imported from the old system (row %(row)d).") % {"row": row.number},
    )
    FamilyMember.objects.bulk_create(FamilyMember(file=file, **relative) for relative in relatives)


def files_import_job(*, job, source, run) -> ImportReport:
    """The background form of files_import (gonghui.core.jobs)."""
    return files_import(actor=job.created_by, source=source, run=run)
