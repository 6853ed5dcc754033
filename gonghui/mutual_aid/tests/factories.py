"""Helpers for mutual-aid tests: periods, enrollments and payments made through the services."""

import datetime

from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Period, PeriodStatus, Plan
from gonghui.mutual_aid.selectors import contributions_due

CONTRIBUTIONS = {
    Plan.INPATIENT: "50",
    Plan.CRITICAL: "30",
    Plan.FEMALE: "20",
    Plan.MATERNITY: "10",
}
WALK = [PeriodStatus.ENROLLING, PeriodStatus.ACTIVE, PeriodStatus.CLOSED]


def make_period(
    federation,
    *,
    code="T2021",
    start=datetime.date(2021, 1, 1),
    end=datetime.date(2021, 12, 31),
    plans=None,
    status=PeriodStatus.ENROLLING,
    **fields,
) -> Period:
    scheme = services.scheme_create(actor=None, federation=federation)
    period = services.period_create(
        actor=None,
        scheme=scheme,
        code=code,
        start=start,
        end=end,
        plans=plans or CONTRIBUTIONS,
        **fields,
    )
    if status != PeriodStatus.DRAFT:
        for step in WALK[: WALK.index(status) + 1]:
            services.period_transition(actor=None, period=period, to=step)
    return period


def enroll(period, members, *, plans=None, on=None, paid=False):
    services.enrollment_create(
        actor=None,
        period=period,
        members=list(members),
        plans=list(plans or CONTRIBUTIONS),
        enrolled_on=on or period.enrollment_opens,
    )
    if paid:
        for union_id in {member.union_id for member in members}:
            pay(period, next(m.union for m in members if m.union_id == union_id))


def pay(period, union, *, on=None):
    pending = Enrollment.objects.filter(
        period=period, union=union, status=EnrollmentStatus.PENDING_PAYMENT
    )
    return services.payment_record(
        actor=None,
        period=period,
        union=union,
        amount=contributions_due(pending, period),
        paid_on=on or period.enrollment_opens,
    )


def member_user(member):
    """The member's sign-in account, as the first SMS sign-in creates it."""
    from gonghui.accounts.models import Role, User

    user = User.objects.create(username=f"m{member.pk}", role=Role.MEMBER, display_name=member.name)
    member.user = user
    member.save(update_fields=["user"])
    return user
