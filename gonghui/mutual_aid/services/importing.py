"""Enrollment imported from a file (`import_enrollment` and the staff page share
enrollment_import): every row checked first, then written in chunks (core.rowimport)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import idnumber
from gonghui.core.dates import parse_date
from gonghui.core.imports import ImportReport, RowError, error_text
from gonghui.core.rowimport import RowImport, import_rows
from gonghui.mutual_aid import access
from gonghui.mutual_aid.models import (
    WOMEN_ONLY_PLANS,
    Enrollment,
    EnrollmentSource,
    EnrollmentStatus,
    Period,
    Plan,
)
from gonghui.mutual_aid.selectors import contributions_due
from gonghui.mutual_aid.services.enrollment import (
    ENROLLMENT_COLUMNS,
    EnrollmentBatch,
    check_enrollable,
    parse_plans,
    payment_record,
    unions_of_scheme,
)
from gonghui.orgs.importing import members_by_number
from gonghui.orgs.models import Member, MemberStatus, Organisation
from gonghui.orgs.selectors import orgs_visible_to
from gonghui.orgs.services import (
    member_create,
    member_prepare,
    member_update,
    parse_yes_no,
    registered_elsewhere_error,
)


def enrollment_import(
    *,
    actor,
    period: Period,
    source,
    paid: bool = False,
    skip_bad_rows: bool = False,
    run=None,
) -> ImportReport:
    """import_enrollment: 工会编码, 姓名, 身份证号, 参保项目, 参保日期, and optionally 手机号,
    是否续保, 基本医疗保险, 生育保险. Every row is checked first; one bad row refuses the
    whole file unless skip_bad_rows; then the rows are written in chunks (core.rowimport).
    New ID numbers create members in that union; known ones get their name, mobile and
    insurance flags updated. `paid` records each union's contributions as paid once every
    row is written, so the enrollments take effect."""
    try:
        check_enrollable(actor, period)
        if paid and actor is not None and not access.can_record_payments(actor):
            raise PermissionDenied(_("Only county finance records contribution payments."))
    except (ValidationError, PermissionDenied) as exc:
        report = ImportReport(summary=dict.fromkeys(_EnrollmentImport.summary_keys, 0))
        report.file_error = error_text(exc)
        return report
    importer = _EnrollmentImport(actor=actor, period=period, paid=paid, skip_bad_rows=skip_bad_rows)
    return import_rows(importer, source, run)


@dataclass
class _Wanted:
    """What one row of the file asks for."""

    union: Organisation
    number: str
    plans: list[str]
    enrolled_on: datetime.date
    declared: bool | None
    fields: dict


class _EnrollmentImport(RowImport):
    columns = ENROLLMENT_COLUMNS
    summary_keys = ("rows", "members_created", "enrollments", "rejected")

    def __init__(self, *, actor, period: Period, paid: bool, skip_bad_rows: bool):
        self.actor, self.period, self.paid = actor, period, paid
        self.skip_bad_rows = skip_bad_rows
        self.batch = EnrollmentBatch(actor=actor, period=period, source=EnrollmentSource.FILE)
        self.unions = {union.code: union for union in unions_of_scheme(actor, period)}
        self.scope = (
            set(orgs_visible_to(actor).values_list("pk", flat=True)) if actor is not None else None
        )
        self.seen: dict[tuple[str, str], int] = {}
        # Read ahead for a block of rows (prepare): their members, enrollments, renewals.
        self.members: dict[str, Member] = {}
        self.enrolled: set[tuple[int, str]] = set()
        self.renewable: set[tuple[int, str]] | None = None
        # People this file adds (written when their first row is): union and maternity flag.
        self.new_members: dict[str, tuple[int, bool]] = {}
        self.touched: set[int] = set()

    def prepare(self, rows) -> None:
        self.members = members_by_number(row.text("身份证号") for row in rows)
        ids = [member.pk for member in self.members.values()]
        self.enrolled = self.batch.enrolled(ids)
        self.renewable = self.batch.renewals(ids)

    def check(self, row) -> list[str]:
        wanted = self._read(row)
        for plan in wanted.plans:
            earlier = self.seen.get((wanted.number, plan))
            if earlier is not None:
                raise RowError(
                    _("This person is already enrolled in %(plan)s in row %(row)d.")
                    % {"plan": Plan(plan).label, "row": earlier}
                )
        member = self.members.get(wanted.number)
        if member is not None:
            self._check_member(member, wanted)
            prepared = member_prepare(
                actor=self.actor, member=member, id_number=None, scope=self.scope, **wanted.fields
            )
            self._check_not_enrolled(member.pk, wanted)
            renewals = self.renewable
        else:
            earlier = self.new_members.get(wanted.number)
            if earlier is not None and earlier[0] != wanted.union.pk:
                other = next(u for u in self.unions.values() if u.pk == earlier[0])
                raise RowError(_registered_elsewhere(other))
            prepared = member_prepare(
                actor=self.actor,
                member=None,
                id_number=wanted.number,
                union=wanted.union,
                scope=self.scope,
                **wanted.fields,
            )
            if earlier is not None and "maternity_insurance" not in wanted.fields:
                prepared.maternity_insurance = earlier[1]
            renewals = None if self.batch.previous is None else set()
        _renewal, warnings = self._renewals(wanted, member, renewals, prepared)
        if member is None:
            self.new_members[wanted.number] = (wanted.union.pk, prepared.maternity_insurance)
        for plan in wanted.plans:
            self.seen[(wanted.number, plan)] = row.number
        self.touched.add(wanted.union.pk)
        return warnings

    def write(self, row) -> dict[str, int]:
        wanted = self._read(row)
        member = self.members.get(wanted.number)
        created = 0
        if member is None:
            member = member_create(
                actor=self.actor,
                id_number=wanted.number,
                union=wanted.union,
                scope=self.scope,
                **wanted.fields,
            )
            self.members[wanted.number] = member  # a later row of the chunk may name them
            created = 1
        else:
            self._check_member(member, wanted)
            member = member_update(
                actor=self.actor, member=member, scope=self.scope, **wanted.fields
            )
        self._check_not_enrolled(member.pk, wanted)
        renewal, _warnings = self._renewals(wanted, member, self.renewable, member)
        Enrollment.objects.bulk_create(
            self.batch.build(
                member=member,
                union=wanted.union,
                plan=plan,
                enrolled_on=wanted.enrolled_on,
                renewal=renewal[plan],
            )
            for plan in wanted.plans
        )
        return {"members_created": created, "enrollments": len(wanted.plans)}

    def finish(self) -> None:
        if self.paid:
            unions = Organisation.objects.filter(pk__in=self.touched).order_by("pk")
            _record_import_payments(self.actor, self.period, unions)

    def state(self) -> dict:
        return {"touched": sorted(self.touched)}

    def restore(self, state: dict) -> None:
        self.touched = set(state["touched"])

    def _read(self, row) -> _Wanted:
        """The row's values, checked on their own (no database)."""
        batch = self.batch
        union = self.unions.get(row.text("工会编码"))
        if union is None:
            raise RowError(
                _(
                    "The union code “%(code)s” is not a grassroots union of this scheme that "
                    "you keep."
                )
                % {"code": row.text("工会编码")}
            )
        try:
            parsed = idnumber.parse(row.text("身份证号"))
        except ValidationError as exc:
            raise RowError(_id_problem(row.text("身份证号"), exc.code)) from exc
        plans = parse_plans(row.text("参保项目"))
        batch.check_plans(plans)
        try:
            enrolled_on = parse_date(row.values.get("参保日期"))
        except ValueError as exc:
            raise RowError(
                _("参保日期 “%(value)s” is not a date.") % {"value": row.text("参保日期")}
            ) from exc
        batch.check_date(enrolled_on)
        declared = _optional_yes_no(row, "是否续保")
        fields = {
            name: value
            for name, column in (
                ("basic_medical_insurance", "基本医疗保险"),
                ("maternity_insurance", "生育保险"),
            )
            if (value := _optional_yes_no(row, column)) is not None
        }
        fields["name"] = row.text("姓名")
        if row.text("手机号"):
            fields["mobile"] = row.text("手机号")
        if parsed.gender != "female":
            women_only = [str(Plan(plan).label) for plan in plans if plan in WOMEN_ONLY_PLANS]
            if women_only:
                raise RowError(
                    _("%(plans)s is for women only, and this ID number is a man's.")
                    % {"plans": "、".join(women_only)}
                )
        return _Wanted(union, parsed.number, plans, enrolled_on, declared, fields)

    def _check_member(self, member: Member, wanted: _Wanted) -> None:
        if member.union_id != wanted.union.pk:
            if self.scope is None or member.union_id in self.scope:
                raise RowError(_registered_elsewhere(member.union))
            # Never say where, outside the clerk's own tree (issue 11, hole 10).
            raise RowError(error_text(registered_elsewhere_error(self.actor, member)))
        if member.status != MemberStatus.ACTIVE:
            raise RowError(
                _("%(name)s has left the union and cannot be enrolled.") % {"name": member.name}
            )

    def _check_not_enrolled(self, member_id: int, wanted: _Wanted) -> None:
        for plan in wanted.plans:
            if (member_id, plan) in self.enrolled:
                raise RowError(
                    _("Already enrolled in %(plan)s in this period; nobody is enrolled twice.")
                    % {"plan": Plan(plan).label}
                )

    def _renewals(self, wanted: _Wanted, member, renewals, person) -> tuple[dict, list[str]]:
        """Whether each plan is a renewal (the previous period's record counts, else the
        file's 是否续保), and the warnings the row earns."""
        batch, warnings, renewal = self.batch, [], {}
        for plan in wanted.plans:
            if renewals is None:
                renewal[plan] = bool(wanted.declared)
                continue
            renewal[plan] = member is not None and (member.pk, plan) in renewals
            if wanted.declared is not None and wanted.declared != renewal[plan]:
                warnings.append(
                    _(
                        "The file says 是否续保 = %(declared)s for %(plan)s, but the record of "
                        "%(previous)s says %(derived)s; the record counts."
                    )
                    % {
                        "declared": "是" if wanted.declared else "否",
                        "plan": Plan(plan).label,
                        "previous": batch.previous,
                        "derived": "是" if renewal[plan] else "否",
                    }
                )
        if Plan.MATERNITY in wanted.plans and not person.maternity_insurance:
            warnings.append(
                _(
                    "Not in maternity insurance: the maternity benefit cannot be paid until "
                    "that changes."
                )
            )
        return renewal, warnings


def _registered_elsewhere(union: Organisation) -> str:
    return _("This person is registered with another union (%(union)s).") % {"union": union.name}


def _id_problem(value: str, code: str) -> str:
    """What is wrong with an ID number, by the code core.idnumber.parse gives it."""
    if code == "id_empty":
        return _("The ID number is empty.")
    problems = {
        "id_length": _("The ID number “%(value)s” does not have 18 characters."),
        "id_checksum": _("The check digit of the ID number “%(value)s” is wrong; please check it."),
        "id_component": _("The ID number “%(value)s” holds an impossible birth date or area code."),
    }
    return problems.get(code, _("The ID number “%(value)s” is not valid.")) % {"value": value}


def _optional_yes_no(row, column: str) -> bool | None:
    if not row.text(column):
        return None
    return parse_yes_no(row.text(column), column)


def _record_import_payments(actor, period: Period, unions) -> None:
    for union in unions:
        pending = Enrollment.objects.filter(
            period=period, union=union, status=EnrollmentStatus.PENDING_PAYMENT
        )
        if pending.exists():
            payment_record(
                actor=actor,
                period=period,
                union=union,
                amount=contributions_due(pending, period),
                paid_on=timezone.localdate(),
                note=_("Recorded as paid by the enrollment import."),
            )


def enrollment_import_job(*, job, source, run) -> ImportReport:
    """The background form of enrollment_import (gonghui.core.jobs)."""
    period = Period.objects.get(pk=job.options["period"])
    return enrollment_import(
        actor=job.created_by,
        period=period,
        source=source,
        paid=job.options.get("paid", False),
        skip_bad_rows=job.options.get("skip_bad_rows", False),
        run=run,
    )
