"""Enrollment (参保): unions enroll their members per period and plan, picked from the
roster or imported from a file (the screen and `import_enrollment` share enrollment_import);
county finance records what a union paid, which makes its enrollments effective."""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core import crypto, idnumber
from gonghui.core.dates import parse_date
from gonghui.core.imports import ImportReport, RowError, error_text
from gonghui.core.money import fmt_yuan, round_money, to_decimal
from gonghui.core.tabular import FileFormatError, open_rows
from gonghui.mutual_aid import access
from gonghui.mutual_aid.models import (
    ENROLLABLE_STATUSES,
    WOMEN_ONLY_PLANS,
    Enrollment,
    EnrollmentSource,
    EnrollmentStatus,
    Payment,
    Period,
    Plan,
)
from gonghui.mutual_aid.selectors import contributions_due, parameters_for, period_previous
from gonghui.orgs.models import GRASSROOTS_KINDS, Member, MemberStatus, Organisation
from gonghui.orgs.selectors import members_visible_to, orgs_visible_to
from gonghui.orgs.services import member_create, member_update, parse_yes_no

ENROLLMENT_COLUMNS = ["工会编码", "姓名", "身份证号", "参保项目", "参保日期"]
# The columns of commands.md, in its order; the ones not in ENROLLMENT_COLUMNS may be left out.
ENROLLMENT_FILE_COLUMNS = [
    "工会编码",
    "姓名",
    "身份证号",
    "手机号",
    "参保项目",
    "参保日期",
    "是否续保",
    "基本医疗保险",
    "生育保险",
]
# Files are written in Chinese whatever the interface language.
PLAN_WORDS = {
    "住院": Plan.INPATIENT,
    "住院医疗": Plan.INPATIENT,
    "职工住院医疗互助保障": Plan.INPATIENT,
    "重大疾病": Plan.CRITICAL,
    "重疾": Plan.CRITICAL,
    "职工重大疾病互助保障": Plan.CRITICAL,
    "女职工特殊病": Plan.FEMALE,
    "女职工特殊病互助保障": Plan.FEMALE,
    "生育": Plan.MATERNITY,
    "生育互助金": Plan.MATERNITY,
    "女职工生育特定互助金": Plan.MATERNITY,
    **{plan.value: plan for plan in Plan},
}
PLAN_SEPARATORS = re.compile(r"[、,，;；]")


def parse_plans(text: str) -> list[str]:
    """住院、重大疾病 / 住院,生育 / 住院；女职工特殊病 → plan codes, in the file's order."""
    plans: list[str] = []
    for word in (part.strip() for part in PLAN_SEPARATORS.split(text)):
        if not word:
            continue
        plan = PLAN_WORDS.get(word) or PLAN_WORDS.get(word.upper())
        if plan is None:
            raise RowError(
                _(
                    "Unknown plan “%(value)s” in 参保项目; write 住院, 重大疾病, 女职工特殊病 or 生育."
                )
                % {"value": word}
            )
        if plan not in plans:
            plans.append(plan)
    if not plans:
        raise RowError(_("参保项目 is empty."))
    return plans


def _check_enrollable(actor, period: Period) -> None:
    if actor is not None and not access.can_enroll(actor):
        raise PermissionDenied(_("Your role may not enroll members."))
    if period.status not in ENROLLABLE_STATUSES:
        raise ValidationError(
            _("%(period)s is not open for enrollment (its status is “%(status)s”).")
            % {"period": period, "status": period.get_status_display()},
            code="not_enrollable",
        )


class EnrollmentBatch:
    """What enrolling members in one period needs to know once: the plans offered, the
    waiting period, and the previous period, from which renewals are derived."""

    def __init__(self, *, actor, period: Period, source: str):
        self.actor, self.period, self.source = actor, period, source
        self.offered = set(period.plans.values_list("plan", flat=True))
        _current, parameters = parameters_for(period)
        self.waiting = datetime.timedelta(days=int(parameters.get("waiting_days")))
        self.previous = period_previous(period)

    def check_plans(self, plans: list[str]) -> None:
        missing = [str(Plan(plan).label) for plan in plans if plan not in self.offered]
        if missing:
            raise ValidationError(
                _("%(period)s does not offer %(plans)s.")
                % {"period": self.period, "plans": "、".join(missing)}
            )

    def check_date(self, enrolled_on: datetime.date) -> None:
        last = min(self.period.enrollment_closes, self.period.end)
        if not self.period.enrollment_opens <= enrolled_on <= last:
            raise ValidationError(
                _(
                    "The enrollment date %(date)s is outside the enrollment window "
                    "(%(opens)s to %(closes)s)."
                )
                % {"date": enrolled_on, "opens": self.period.enrollment_opens, "closes": last}
            )

    def enrolled(self, member_ids) -> set[tuple[int, str]]:
        rows = Enrollment.objects.filter(period=self.period, member_id__in=member_ids)
        return set(rows.values_list("member_id", "plan"))

    def renewals(self, member_ids) -> set[tuple[int, str]] | None:
        """(member, plan) pairs paid for in the previous period; None when the previous
        period is not in the system (then the file's 是否续保 counts)."""
        if self.previous is None:
            return None
        rows = Enrollment.objects.filter(
            period=self.previous, member_id__in=member_ids, status=EnrollmentStatus.EFFECTIVE
        )
        return set(rows.values_list("member_id", "plan"))

    def build(self, *, member: Member, union, plan: str, enrolled_on, renewal: bool):
        """Renewals are covered from the period's start; anyone else after the waiting
        period (观察期), and never before the period starts."""
        if renewal:
            covered_from = self.period.start
        else:
            covered_from = max(self.period.start, enrolled_on + self.waiting)
        return Enrollment(
            period=self.period,
            plan=plan,
            member=member,
            union=union,
            enrolled_on=enrolled_on,
            renewal=renewal,
            covered_from=covered_from,
            source=self.source,
            created_by=self.actor,
        )


def _unions_of_scheme(actor, period: Period):
    orgs = orgs_visible_to(actor) if actor is not None else Organisation.objects.all()
    return orgs.filter(kind__in=GRASSROOTS_KINDS, path__startswith=period.scheme.federation.path)


# --- picked from the roster ----------------------------------------------------------------


@dataclass
class RosterOutcome:
    created: int = 0
    already: int = 0
    not_applicable: int = 0


@transaction.atomic
def enrollment_create(
    *, actor, period: Period, members: list[Member], plans: list[str], enrolled_on
) -> RosterOutcome:
    """Enroll members picked from the roster in the plans chosen. Pairs already enrolled and
    women-only plans for men are skipped and counted, not refused."""
    _check_enrollable(actor, period)
    batch = EnrollmentBatch(actor=actor, period=period, source=EnrollmentSource.ROSTER)
    if not plans:
        raise ValidationError(_("Choose at least one plan."))
    if not members:
        raise ValidationError(_("Choose at least one member."))
    batch.check_plans(plans)
    batch.check_date(enrolled_on)
    ids = [member.pk for member in members]
    allowed_unions = set(_unions_of_scheme(actor, period).values_list("pk", flat=True))
    visible = members_visible_to(actor) if actor is not None else Member.objects.all()
    visible_ids = set(visible.filter(pk__in=ids).values_list("pk", flat=True))
    for member in members:
        if member.pk not in visible_ids or member.union_id not in allowed_unions:
            raise PermissionDenied(
                _("%(name)s is not a member of a union you keep.") % {"name": member.name}
            )
        if member.status != MemberStatus.ACTIVE:
            raise ValidationError(
                _("%(name)s has left the union and cannot be enrolled.") % {"name": member.name}
            )
    enrolled, renewals = batch.enrolled(ids), batch.renewals(ids)
    outcome, new = RosterOutcome(), []
    for member in members:
        for plan in plans:
            if (member.pk, plan) in enrolled:
                outcome.already += 1
            elif plan in WOMEN_ONLY_PLANS and member.gender != "female":
                outcome.not_applicable += 1
            else:
                renewal = renewals is not None and (member.pk, plan) in renewals
                new.append(
                    batch.build(
                        member=member,
                        union=member.union,
                        plan=plan,
                        enrolled_on=enrolled_on,
                        renewal=renewal,
                    )
                )
    Enrollment.objects.bulk_create(new, batch_size=500)
    outcome.created = len(new)
    return outcome


# --- imported from a file ------------------------------------------------------------------

PROGRESS_EVERY = 200


def enrollment_import(
    *,
    actor,
    period: Period,
    source,
    paid: bool = False,
    skip_bad_rows: bool = False,
    progress=None,
) -> ImportReport:
    """import_enrollment: 工会编码, 姓名, 身份证号, 参保项目, 参保日期, and optionally 手机号,
    是否续保, 基本医疗保险, 生育保险. Rows stream one at a time; one bad row refuses the whole
    file unless skip_bad_rows. New ID numbers create members in that union; known ones get
    their name, mobile and insurance flags updated. `paid` records each union's
    contributions as paid, so the enrollments take effect."""
    report = ImportReport(
        summary={"rows": 0, "members_created": 0, "enrollments": 0, "rejected": 0}
    )
    try:
        _check_enrollable(actor, period)
        if paid and actor is not None and not access.can_record_payments(actor):
            raise PermissionDenied(_("Only county finance records contribution payments."))
    except (ValidationError, PermissionDenied) as exc:
        report.file_error = error_text(exc)
        return report
    context = _ImportContext(
        actor=actor,
        batch=EnrollmentBatch(actor=actor, period=period, source=EnrollmentSource.FILE),
        unions={union.code: union for union in _unions_of_scheme(actor, period)},
    )
    try:
        with transaction.atomic():
            for row in open_rows(source, ENROLLMENT_COLUMNS):
                report.summary["rows"] += 1
                try:
                    with transaction.atomic():
                        created, enrollments, warnings = _import_row(context, row)
                except (RowError, ValidationError, PermissionDenied, IntegrityError) as exc:
                    report.refuse(row.number, error_text(exc))
                    continue
                report.summary["members_created"] += created
                report.summary["enrollments"] += enrollments
                report.warnings.extend((row.number, warning) for warning in warnings)
                if progress and report.summary["rows"] % PROGRESS_EVERY == 0:
                    progress(report.summary["rows"])
            if report.errors and not skip_bad_rows:
                transaction.set_rollback(True)
            elif paid:
                _record_import_payments(actor, period, context.touched)
    except FileFormatError as exc:
        report.file_error = str(exc)
        return report
    report.summary["rejected"] = len({number for number, _message in report.errors})
    report.applied = skip_bad_rows or not report.errors
    if not report.applied:
        report.summary["members_created"] = report.summary["enrollments"] = 0
    return report


@dataclass
class _ImportContext:
    actor: object
    batch: EnrollmentBatch
    unions: dict[str, Organisation]
    seen: dict[tuple[str, str], int] = field(default_factory=dict)
    touched: dict[int, Organisation] = field(default_factory=dict)


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


def _import_row(context: _ImportContext, row) -> tuple[int, int, list[str]]:
    batch, actor = context.batch, context.actor
    union = context.unions.get(row.text("工会编码"))
    if union is None:
        raise RowError(
            _("The union code “%(code)s” is not a grassroots union of this scheme that you keep.")
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
    flags = {
        name: value
        for name, column in (
            ("basic_medical_insurance", "基本医疗保险"),
            ("maternity_insurance", "生育保险"),
        )
        if (value := _optional_yes_no(row, column)) is not None
    }
    for plan in plans:
        earlier = context.seen.get((parsed.number, plan))
        if earlier is not None:
            raise RowError(
                _("This person is already enrolled in %(plan)s in row %(row)d.")
                % {"plan": Plan(plan).label, "row": earlier}
            )
    if parsed.gender != "female":
        women_only = [str(Plan(plan).label) for plan in plans if plan in WOMEN_ONLY_PLANS]
        if women_only:
            raise RowError(
                _("%(plans)s is for women only, and this ID number is a man's.")
                % {"plans": "、".join(women_only)}
            )

    member = (
        Member.objects.filter(id_hash=crypto.lookup_hash(parsed.number))
        .select_related("union")
        .first()
    )
    fields = {"name": row.text("姓名"), **flags}
    if row.text("手机号"):
        fields["mobile"] = row.text("手机号")
    created = 0
    if member is None:
        member = member_create(actor=actor, id_number=parsed.number, union=union, **fields)
        created = 1
    else:
        if member.union_id != union.pk:
            raise RowError(
                _("This person is registered with another union (%(union)s).")
                % {"union": member.union.name}
            )
        if member.status != MemberStatus.ACTIVE:
            raise RowError(
                _("%(name)s has left the union and cannot be enrolled.") % {"name": member.name}
            )
        member = member_update(actor=actor, member=member, **fields)

    already = batch.enrolled([member.pk])
    for plan in plans:
        if (member.pk, plan) in already:
            raise RowError(
                _("Already enrolled in %(plan)s in this period; nobody is enrolled twice.")
                % {"plan": Plan(plan).label}
            )
    renewals = batch.renewals([member.pk])
    warnings = []
    new = []
    for plan in plans:
        if renewals is None:
            renewal = bool(declared)
        else:
            renewal = (member.pk, plan) in renewals
            if declared is not None and declared != renewal:
                warnings.append(
                    _(
                        "The file says 是否续保 = %(declared)s for %(plan)s, but the record of "
                        "%(previous)s says %(derived)s; the record counts."
                    )
                    % {
                        "declared": "是" if declared else "否",
                        "plan": Plan(plan).label,
                        "previous": batch.previous,
                        "derived": "是" if renewal else "否",
                    }
                )
        new.append(
            batch.build(
                member=member, union=union, plan=plan, enrolled_on=enrolled_on, renewal=renewal
            )
        )
    if Plan.MATERNITY in plans and not member.maternity_insurance:
        warnings.append(
            _(
                "Not in maternity insurance: the maternity benefit cannot be paid until that changes."
            )
        )
    Enrollment.objects.bulk_create(new)
    for plan in plans:
        context.seen[(parsed.number, plan)] = row.number
    context.touched[union.pk] = union
    return created, len(new), warnings


def _record_import_payments(actor, period: Period, unions: dict[int, Organisation]) -> None:
    for union in unions.values():
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


# --- contribution payments -----------------------------------------------------------------


@transaction.atomic
def payment_record(
    *,
    actor,
    period: Period,
    union: Organisation,
    amount,
    paid_on: datetime.date,
    note: str = "",
) -> Payment:
    """County finance records what a union paid; the amount must be what its pending
    enrollments owe, and recording it makes exactly those enrollments effective."""
    if actor is not None and (
        not access.can_record_payments(actor)
        or not orgs_visible_to(actor).filter(pk=union.pk).exists()
    ):
        raise PermissionDenied(_("Only county finance records contribution payments."))
    try:
        amount = round_money(to_decimal(amount))
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("“%(value)s” is not an amount.") % {"value": amount}) from exc
    if paid_on > timezone.localdate():
        raise ValidationError(_("The payment date cannot be in the future."))
    pending = Enrollment.objects.filter(
        period=period, union=union, status=EnrollmentStatus.PENDING_PAYMENT
    )
    last_id = pending.aggregate(n=Max("id"))["n"]
    if last_id is None:
        raise ValidationError(
            _("%(union)s has no enrollments waiting for payment.") % {"union": union.name}
        )
    pending = pending.filter(id__lte=last_id)
    count = pending.count()
    due = contributions_due(pending, period)
    if amount != due:
        raise ValidationError(
            _(
                "%(union)s owes %(due)s yuan for %(count)d pending enrollments; the amount "
                "entered is %(amount)s yuan."
            )
            % {
                "union": union.name,
                "due": fmt_yuan(due),
                "count": count,
                "amount": fmt_yuan(amount),
            },
            code="amount_mismatch",
        )
    payment = Payment.objects.create(
        period=period,
        union=union,
        amount=amount,
        paid_on=paid_on,
        recorded_by=actor,
        note=note.strip()[:255],
    )
    made_effective = pending.update(status=EnrollmentStatus.EFFECTIVE, payment=payment)
    if made_effective != count:
        raise ValidationError(_("Someone else recorded a payment meanwhile; please reload."))
    return payment


def enrollment_import_job(*, job, source, progress) -> ImportReport:
    """The background form of enrollment_import (gonghui.core.jobs)."""
    period = Period.objects.get(pk=job.options["period"])
    return enrollment_import(
        actor=job.created_by,
        period=period,
        source=source,
        paid=job.options.get("paid", False),
        skip_bad_rows=job.options.get("skip_bad_rows", False),
        progress=progress,
    )
