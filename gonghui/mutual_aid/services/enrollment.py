"""Enrollment (参保): unions enroll their members per period and plan, picked from the
roster or imported from a file (the screen and `import_enrollment` share enrollment_import);
county finance records what a union paid, which makes its enrollments effective."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.imports import RowError
from gonghui.core.money import fmt_yuan, round_money, to_decimal
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


def check_enrollable(actor, period: Period) -> None:
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


def unions_of_scheme(actor, period: Period):
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
    check_enrollable(actor, period)
    batch = EnrollmentBatch(actor=actor, period=period, source=EnrollmentSource.ROSTER)
    if not plans:
        raise ValidationError(_("Choose at least one plan."))
    if not members:
        raise ValidationError(_("Choose at least one member."))
    batch.check_plans(plans)
    batch.check_date(enrolled_on)
    ids = [member.pk for member in members]
    allowed_unions = set(unions_of_scheme(actor, period).values_list("pk", flat=True))
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
