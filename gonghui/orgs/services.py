"""Writes to the registry: organisations, enterprises, members, and their imports."""

import logging
import re
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from stdnum.cn import uscc

from gonghui.accounts import roles
from gonghui.core import crypto, idnumber
from gonghui.core.db import write_transaction
from gonghui.core.imports import ImportReport, RowError, error_text
from gonghui.core.tabular import FileFormatError, open_rows
from gonghui.core.validators import validate_name
from gonghui.orgs.models import (
    FEDERATION_KINDS,
    GRASSROOTS_KINDS,
    Enterprise,
    Member,
    MemberStatus,
    Organisation,
    OrgKind,
)
from gonghui.orgs.selectors import orgs_visible_to

logger = logging.getLogger(__name__)
KIND_BY_CHINESE = {
    "总工会": OrgKind.FEDERATION,
    "乡镇总工会": OrgKind.TOWN,
    "街道总工会": OrgKind.STREET,
    "产业工会": OrgKind.INDUSTRY,
    "单建工会": OrgKind.SINGLE,
    "联合工会": OrgKind.JOINT,
}
MOBILE = re.compile(r"^1[3-9]\d{9}$")
YES = {"是", "有", "y", "yes", "true", "1", "√"}
NO = {"否", "无", "n", "no", "false", "0", "", "×"}


def parse_yes_no(text: str, column: str) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise RowError(
        _("%(column)s must be 是 or 否, not “%(value)s”.") % {"column": column, "value": text}
    )


def normalize_mobile(raw: str) -> str:
    mobile = re.sub(r"[\s-]", "", str(raw or ""))
    if mobile.startswith("+86"):
        mobile = mobile[3:]
    if mobile and not MOBILE.match(mobile):
        raise ValidationError(
            _("The mobile number “%(value)s” is not an 11-digit mainland number.") % {"value": raw},
            code="mobile",
        )
    return mobile


# --- organisations -------------------------------------------------------------------------


def rebuild_paths(roots: Iterable[Organisation]) -> None:
    """Recompute path and depth below the given nodes (after a move or an import)."""
    queue = list(roots)
    while queue:
        node = queue.pop()
        parent = node.parent
        node.path = f"{parent.path if parent else '/'}{node.pk}/"
        node.depth = parent.depth + 1 if parent else 0
        Organisation.objects.filter(pk=node.pk).update(path=node.path, depth=node.depth)
        for child in Organisation.objects.filter(parent=node):
            child.parent = node
            queue.append(child)


def check_parent(kind: str, parent: Organisation | None) -> None:
    if parent is None:
        if kind != OrgKind.FEDERATION:
            raise ValidationError(_("Only a federation (总工会) may have no parent."))
        return
    if parent.kind in GRASSROOTS_KINDS:
        raise ValidationError(
            _("A grassroots union (%(parent)s) cannot have organisations under it.")
            % {"parent": parent.name}
        )
    if kind in FEDERATION_KINDS - {OrgKind.FEDERATION} and parent.kind not in FEDERATION_KINDS:
        raise ValidationError(_("A town, street or industry federation sits under a federation."))


@transaction.atomic
def org_create(*, actor, code: str, name: str, kind: str, parent: Organisation) -> Organisation:
    if actor is not None and not orgs_visible_to(actor).filter(pk=parent.pk).exists():
        raise PermissionDenied(_("You may only add organisations inside your own."))
    check_parent(kind, parent)
    name = validate_name(name)
    if Organisation.objects.filter(code=code).exists():
        raise ValidationError(_("The code %(code)s is already used.") % {"code": code})
    org = Organisation.objects.create(code=code, name=name, kind=kind, parent=parent)
    rebuild_paths([org])
    return org


def orgs_import(*, source) -> ImportReport:
    """import_orgs: 编码, 名称, 类型, 上级编码. Parents may come after their children; one bad
    row refuses the whole file."""
    report = ImportReport(summary={"rows": 0, "created": 0, "updated": 0, "rejected": 0})
    try:
        rows = list(open_rows(source, ["编码", "名称", "类型", "上级编码"]))
    except FileFormatError as exc:
        report.file_error = str(exc)
        return report
    report.summary["rows"] = len(rows)
    entries: dict[str, dict] = {}
    for row in rows:
        code, name = row.text("编码"), row.text("名称")
        kind_text, parent_code = row.text("类型"), row.text("上级编码")
        if not code:
            report.refuse(row.number, _("The code is empty."))
            continue
        if code in entries:
            report.refuse(
                row.number,
                _("The code %(code)s appears twice (also in row %(row)d).")
                % {"code": code, "row": entries[code]["row"]},
            )
            continue
        if not name:
            report.refuse(row.number, _("The name is empty."))
        try:
            validate_name(name)
        except ValidationError as exc:
            report.refuse(row.number, error_text(exc))
        if kind_text not in KIND_BY_CHINESE:
            report.refuse(
                row.number,
                _("The type “%(value)s” is not one of %(choices)s.")
                % {"value": kind_text, "choices": "、".join(KIND_BY_CHINESE)},
            )
        if parent_code == code:
            report.refuse(row.number, _("An organisation cannot be its own parent."))
        entries[code] = {
            "row": row.number,
            "name": name,
            "kind": KIND_BY_CHINESE.get(kind_text),
            "parent": parent_code,
        }
    existing = {org.code: org for org in Organisation.objects.filter(code__in=entries)}
    parents_in_db = {
        org.code: org
        for org in Organisation.objects.filter(
            code__in={e["parent"] for e in entries.values() if e["parent"]} - set(entries)
        )
    }
    for entry in entries.values():
        parent_code = entry["parent"]
        if not parent_code:
            parent_kind = None
        elif parent_code in entries:
            parent_kind = entries[parent_code]["kind"]
        elif parent_code in parents_in_db:
            parent_kind = parents_in_db[parent_code].kind
        else:
            report.refuse(
                entry["row"],
                _("The parent code %(code)s is neither in the file nor in the system.")
                % {"code": parent_code},
            )
            continue
        if entry["kind"] is None:
            continue
        try:
            check_parent(entry["kind"], _KindOnly(parent_kind) if parent_code else None)
        except ValidationError as exc:
            report.refuse(entry["row"], error_text(exc))
    report.errors.extend(_cycles(entries))
    report.errors.sort()
    if report.errors:
        report.summary["rejected"] = len({number for number, _m in report.errors})
        return report

    # An organisation tree is small (a county's is a few thousand nodes): one transaction.
    with write_transaction():
        created = {}
        for code, entry in entries.items():
            org = existing.get(code)
            if org is None:
                org = Organisation(code=code)
                report.summary["created"] += 1
            else:
                report.summary["updated"] += 1
            org.name, org.kind = entry["name"], entry["kind"]
            org.parent = None
            org.save()
            created[code] = org
        for code, entry in entries.items():
            parent_code = entry["parent"]
            if parent_code:
                parent = created.get(parent_code) or parents_in_db[parent_code]
                Organisation.objects.filter(pk=created[code].pk).update(parent=parent)
                created[code].parent = parent
        tops = [
            org
            for org in created.values()
            if org.parent_id is None or org.parent.code not in created
        ]
        for org in tops:
            if org.parent_id:
                org.parent.refresh_from_db()
        rebuild_paths(tops)
    report.applied = True
    return report


class _KindOnly:
    """Stands for a parent known only by its kind while a file is being checked."""

    def __init__(self, kind):
        self.kind = kind
        # A parent read from the database has its kind as a plain string.
        self.name = OrgKind(kind).label if kind else ""


def _cycles(entries: dict[str, dict]) -> list[tuple[int, str]]:
    """Rows whose chain of parents comes back to themselves (self-parents are refused
    earlier; rows that merely lead into a circle are not blamed for it)."""
    errors = []
    for code, entry in entries.items():
        seen = set()
        parent = entry["parent"]
        while parent in entries and parent not in seen and parent != code:
            seen.add(parent)
            parent = entries[parent]["parent"]
        if parent == code and entry["parent"] != code:
            errors.append(
                (entry["row"], _("The parents of %(code)s go round in a circle.") % {"code": code})
            )
    return errors


# --- enterprises ---------------------------------------------------------------------------


def validate_credit_code(raw: str) -> str:
    code = idnumber.normalize(raw)
    if not uscc.is_valid(code):
        raise ValidationError(
            _("The unified social credit code “%(value)s” is not valid.") % {"value": raw},
            code="credit_code",
        )
    return code


@transaction.atomic
def enterprise_save(*, actor, enterprise: Enterprise | None = None, **fields) -> Enterprise:
    visible = orgs_visible_to(actor)
    enterprise = enterprise or Enterprise()
    fields["credit_code"] = validate_credit_code(fields["credit_code"])
    if "name" in fields:
        fields["name"] = validate_name(fields["name"])
    for org_field in ("union", "area"):
        org = fields.get(org_field)
        if org is not None and not visible.filter(pk=org.pk).exists():
            raise PermissionDenied(_("You may only use organisations inside your own."))
    if fields.get("union") is not None and not fields["union"].is_grassroots:
        raise ValidationError(_("An enterprise is covered by a grassroots union."))
    duplicate = Enterprise.objects.filter(credit_code=fields["credit_code"]).exclude(
        pk=enterprise.pk
    )
    if duplicate.exists():
        raise ValidationError(_("An enterprise with this credit code is already registered."))
    for name, value in fields.items():
        setattr(enterprise, name, value)
    enterprise.save()
    return enterprise


# --- members -------------------------------------------------------------------------------

MEMBER_FIELDS = (
    "name",
    "mobile",
    "union",
    "enterprise",
    "status",
    "join_date",
    "basic_medical_insurance",
    "maternity_insurance",
    "bank_name",
    "bank_card",
    "employment_group",
)


def _check_member_scope(actor, union: Organisation, scope: set[int] | None = None) -> None:
    """`scope`: the ids of orgs_visible_to(actor), when the caller (an import) has them."""
    if actor is None:
        return
    if not roles.can_edit_members(actor):
        raise PermissionDenied(_("Your role may not change member records."))
    if scope is not None:
        inside = union.pk in scope
    else:
        inside = orgs_visible_to(actor).filter(pk=union.pk).exists()
    if not inside:
        raise PermissionDenied(_("You may only keep members of unions inside your own."))


def normalize_bank_card(raw: str) -> str:
    card = re.sub(r"[\s-]", "", unicodedata.normalize("NFKC", raw or ""))
    if card and not (card.isdigit() and 12 <= len(card) <= 19):
        raise ValidationError(_("A bank card number has 12 to 19 digits."), code="bank_card")
    return card


@transaction.atomic
def member_bank_card_confirm(
    *, actor, member: Member, bank_card: str, bank_name: str = ""
) -> Member:
    """The member (signed in on their phone) or staff who keep them confirms or corrects the
    bank card benefits are paid to. Narrower than member_update, which members may not call:
    it writes only the card and the bank, and logs the change (masked)."""
    if roles.is_member(actor):
        if member.user_id != actor.pk:
            raise PermissionDenied(_("You may only change your own bank card."))
    elif actor is not None:
        _check_member_scope(actor, member.union)
    card = normalize_bank_card(bank_card)
    if not card:
        raise ValidationError(_("Enter the bank card number."), code="bank_card")
    bank_name = (bank_name or "").strip()[:64] or member.bank_name
    if card == member.bank_card and bank_name == member.bank_name:
        return member
    before = member.bank_card_masked
    member.bank_card, member.bank_name = card, bank_name
    member.save(update_fields=["bank_card", "bank_name", "updated_at"])
    logger.info(
        "member %s bank card %s -> %s by user %s",
        member.pk,
        before or "-",
        member.bank_card_masked,
        getattr(actor, "pk", None),
    )
    return member


def registered_elsewhere_error(actor, duplicate: Member) -> ValidationError:
    """Name the other union only to those who may see it; to anyone else, say only that the
    number is taken and whom to ask (the top of their own tree), never where it is."""
    if actor is None or orgs_visible_to(actor).filter(pk=duplicate.union_id).exists():
        return ValidationError(
            _("A member with this ID number is already registered (in %(union)s).")
            % {"union": duplicate.union.name},
            code="duplicate",
        )
    top = Organisation.objects.get(pk=actor.org.ancestor_ids[0])
    return ValidationError(
        _(
            "A member with this ID number is already registered with another union. A member "
            "belongs to one union only: to move them to yours, ask %(federation)s."
        )
        % {"federation": top.name},
        code="duplicate",
    )


def _apply_member_fields(actor, member: Member, id_number: str | None, fields: dict) -> None:
    if id_number is not None:
        parsed = idnumber.parse(id_number)
        member.id_number = parsed.number
        member.id_hash = crypto.lookup_hash(parsed.number)
        member.birth_date = parsed.birth_date
        member.gender = parsed.gender
    for name in MEMBER_FIELDS:
        if name in fields:
            setattr(member, name, fields[name])
    member.name = validate_name(member.name)
    if not member.name:
        raise ValidationError(_("The name is empty."))
    member.mobile = normalize_mobile(member.mobile)
    member.bank_card = normalize_bank_card(member.bank_card)
    if not member.union.is_grassroots:
        raise ValidationError(_("A member belongs to a grassroots union, not to a federation."))
    if member.enterprise and member.enterprise.union_id != member.union_id:
        raise ValidationError(_("That enterprise is not covered by the member's union."))
    duplicate = Member.objects.filter(id_hash=member.id_hash).exclude(pk=member.pk).first()
    if duplicate is not None:
        raise registered_elsewhere_error(actor, duplicate)


def member_prepare(
    *, actor, member: Member | None, id_number: str | None, scope=None, **fields
) -> Member:
    """The member as member_create (member None) or member_update would save it, checked,
    without saving: what an import checks every row with before writing any. `scope` as
    for _check_member_scope."""
    if member is None:
        _check_member_scope(actor, fields["union"], scope)
        member = Member()
        fields.setdefault("status", MemberStatus.ACTIVE)
    else:
        _check_member_scope(actor, member.union, scope)
        if "union" in fields:
            _check_member_scope(actor, fields["union"], scope)
    _apply_member_fields(actor, member, id_number, fields)
    return member


@transaction.atomic
def member_create(*, actor, id_number: str, scope=None, **fields) -> Member:
    member = member_prepare(actor=actor, member=None, id_number=id_number, scope=scope, **fields)
    member.save()
    return member


@transaction.atomic
def member_update(
    *, actor, member: Member, id_number: str | None = None, scope=None, **fields
) -> Member:
    member = member_prepare(actor=actor, member=member, id_number=id_number, scope=scope, **fields)
    member.save()
    return member
