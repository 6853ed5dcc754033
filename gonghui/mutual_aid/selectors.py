"""Reads of the mutual-aid scheme. Who sees what comes from the registry's selectors
(orgs_visible_to, members_visible_to); nothing here scopes on its own."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from gonghui.accounts import roles
from gonghui.core.money import percent
from gonghui.mutual_aid.models import (
    PLAN_SHORT_LABELS,
    Enrollment,
    EnrollmentStatus,
    ParameterSet,
    Payment,
    Period,
    Plan,
    UnionTarget,
)
from gonghui.mutual_aid.rules import Parameters
from gonghui.orgs.models import Member, MemberStatus, Organisation
from gonghui.orgs.selectors import (
    member_counts_by_union,
    member_search,
    members_visible_to,
    orgs_visible_to,
    unions_visible_to,
)

PENDING = Q(status=EnrollmentStatus.PENDING_PAYMENT)


def periods_of_union(union: Organisation) -> QuerySet[Period]:
    """The periods of the scheme run by a federation above this union."""
    return Period.objects.select_related("scheme__federation").filter(
        scheme__federation_id__in=union.ancestor_ids
    )


def periods_visible_to(user) -> QuerySet[Period]:
    """Staff: the periods of the scheme run by a federation above them (or by themselves),
    and of schemes inside their subtree. Members: their own federation's periods."""
    periods = Period.objects.select_related("scheme__federation")
    if roles.is_member(user):
        member = members_visible_to(user).select_related("union").first()
        return periods_of_union(member.union) if member else periods.none()
    if not roles.is_staff(user):
        return periods.none()
    return periods.filter(
        Q(scheme__federation_id__in=user.org.ancestor_ids)
        | Q(scheme__federation__in=orgs_visible_to(user))
    )


def period_previous(period: Period) -> Period | None:
    """The period just before this one in the same scheme (renewals are derived from it)."""
    return (
        Period.objects.filter(scheme_id=period.scheme_id, start__lt=period.start)
        .order_by("-start")
        .first()
    )


def parameter_set_current(period: Period) -> ParameterSet:
    return period.parameter_sets.order_by("-version").first()


def parameters_for(period: Period) -> tuple[ParameterSet, Parameters]:
    """The period's current parameter set and the engine's view of it."""
    current = parameter_set_current(period)
    return current, Parameters.from_mapping(current.values, version=current.label)


def contributions_of(period: Period) -> dict[str, Decimal]:
    return dict(period.plans.values_list("plan", "contribution"))


def contributions_due(enrollments: QuerySet[Enrollment], period: Period) -> Decimal:
    """Persons × plan contribution, summed over the plans of these enrollments."""
    contributions = contributions_of(period)
    counts = enrollments.values_list("plan").annotate(n=Count("id"))
    return sum((contributions[plan] * n for plan, n in counts), Decimal("0"))


def enrollments_visible_to(user) -> QuerySet[Enrollment]:
    """Staff: enrollments made by unions in their subtree. Members: their own."""
    enrollments = Enrollment.objects.select_related("member", "union", "period")
    if roles.is_member(user):
        return enrollments.filter(member__in=members_visible_to(user))
    return enrollments.filter(union__in=orgs_visible_to(user))


def enrollment_search(
    user, *, period: Period, query: str = "", union_id=None, plan="", status=""
) -> QuerySet[Enrollment]:
    enrollments = enrollments_visible_to(user).filter(period=period)
    query = query.strip()
    if query:
        enrollments = enrollments.filter(member__in=member_search(user, query=query))
    if union_id:
        enrollments = enrollments.filter(union_id=union_id)
    if plan:
        enrollments = enrollments.filter(plan=plan)
    if status:
        enrollments = enrollments.filter(status=status)
    return enrollments.order_by("union__path", "member__name", "member_id", "plan")


def unions_of_scheme_visible_to(user, period: Period) -> QuerySet[Organisation]:
    """The grassroots unions of the period's federation that this user keeps."""
    return unions_visible_to(user).filter(path__startswith=period.scheme.federation.path)


@dataclass
class RosterLine:
    member: Member
    plans: set[str] = field(default_factory=set)

    @property
    def plan_labels(self) -> list[str]:
        return [PLAN_SHORT_LABELS[plan] for plan in Plan if plan.value in self.plans]


def roster(user, *, period: Period, union: Organisation) -> list[RosterLine]:
    """The union's active members with the plans each is already enrolled in."""
    members = (
        members_visible_to(user)
        .filter(union=union, status=MemberStatus.ACTIVE)
        .order_by("name", "id")
    )
    lines = {member.pk: RosterLine(member) for member in members}
    enrolled = Enrollment.objects.filter(period=period, member_id__in=lines.keys())
    for member_id, plan in enrolled.values_list("member_id", "plan"):
        lines[member_id].plans.add(plan)
    return list(lines.values())


@dataclass
class UnionFigures:
    union: Organisation
    persons: int = 0
    by_plan: dict[str, int] = field(default_factory=dict)
    pending: int = 0
    target: int | None = None
    completion: Decimal | None = None
    due: Decimal = Decimal("0")
    paid: Decimal = Decimal("0")
    outstanding: Decimal = Decimal("0")
    active_members: int = 0
    share: Decimal | None = None
    below_min: bool = False

    @property
    def person_times(self) -> int:
        return sum(self.by_plan.values())


@dataclass
class PeriodFigures:
    period: Period
    plans: list[tuple[str, str, Decimal]]
    unions: list[UnionFigures]
    total: UnionFigures

    @property
    def below_min(self) -> list[UnionFigures]:
        return [row for row in self.unions if row.below_min]

    @property
    def unpaid(self) -> list[UnionFigures]:
        return [row for row in self.unions if row.outstanding > 0]


@dataclass
class EnrollmentCounts:
    """Enrollments of the user's subtree counted by (period, union, plan): what the
    period's figures, the person-times by period and the dashboard's loss ratios all read,
    so that a page showing them all counts a county's millions of rows once."""

    periods: list[Period]  # newest first
    counts: dict[tuple[int, int, str], tuple[int, int]]  # → (enrollments, pending payment)

    def by_period_and_plan(self, unions: set[int] | None = None) -> dict[tuple[int, str], int]:
        """Enrollments by (period, plan), of these unions only when given."""
        totals: dict[tuple[int, str], int] = {}
        for (period_id, union_id, plan), (n, _pending) in self.counts.items():
            if unions is None or union_id in unions:
                totals[(period_id, plan)] = totals.get((period_id, plan), 0) + n
        return totals


def enrollment_counts(user, periods: list[Period] | None = None) -> EnrollmentCounts:
    """In these periods, else in every period visible to the user."""
    if periods is None:
        periods = list(periods_visible_to(user).order_by("-start"))
    rows = (
        Enrollment.objects.filter(period__in=periods, union__in=orgs_visible_to(user))
        .values_list("period_id", "union_id", "plan")
        # Columns of the (period, union, plan, status, member) index only: no table reads.
        .annotate(n=Count("*"), pending=Count("status", filter=PENDING))
        .order_by()
    )
    return EnrollmentCounts(
        periods=periods,
        counts={
            (period_id, union_id, plan): (n, pending)
            for period_id, union_id, plan, n, pending in rows
        },
    )


def period_figures(user, period: Period, counts: EnrollmentCounts | None = None) -> PeriodFigures:
    """Per union of the user's subtree: persons enrolled, person-times by plan, target and
    completion rate (enrolled ÷ target), contributions due and paid, share of active members
    and whether it is under the period's minimum. `counts` (enrollment_counts of the user,
    including this period) saves counting again."""
    visible = unions_of_scheme_visible_to(user, period)
    unions = list(visible.order_by("path"))
    # A subquery, not the list: a county has a thousand unions or more.
    enrollments = Enrollment.objects.filter(period=period, union__in=visible)
    contributions = contributions_of(period)
    rows = {union.pk: UnionFigures(union=union) for union in unions}
    if counts is None or period not in counts.periods:
        counts = enrollment_counts(user, [period])
    for (period_id, union_id, plan), (n, pending) in counts.counts.items():
        if period_id != period.pk or union_id not in rows:
            continue
        row = rows[union_id]
        row.by_plan[plan] = n
        row.pending += pending
        row.due += contributions[plan] * n
        row.outstanding += contributions[plan] * pending
    persons = enrollments.values_list("union_id").annotate(n=Count("member_id", distinct=True))
    for union_id, n in persons:
        rows[union_id].persons = n
    targets = UnionTarget.objects.filter(period=period, union__in=visible)
    for union_id, target in targets.values_list("union_id", "target"):
        rows[union_id].target = target
    payments = Payment.objects.filter(period=period, union__in=visible)
    for union_id, paid in payments.values_list("union_id").annotate(s=Sum("amount")):
        rows[union_id].paid = paid
    active = member_counts_by_union(user)
    total = UnionFigures(union=period.scheme.federation)
    for row in rows.values():
        row.completion = percent(row.persons, row.target)
        row.active_members = active.get(row.union.pk, 0)
        row.share = percent(row.persons, row.active_members)
        row.below_min = (
            period.min_share is not None and row.active_members > 0 and row.share < period.min_share
        )
        for plan, n in row.by_plan.items():
            total.by_plan[plan] = total.by_plan.get(plan, 0) + n
        total.pending += row.pending
        total.due += row.due
        total.paid += row.paid
        total.outstanding += row.outstanding
        total.active_members += row.active_members
        if row.target is not None:
            total.target = (total.target or 0) + row.target
    total.persons = enrollments.aggregate(n=Count("member_id", distinct=True))["n"]
    total.completion = percent(total.persons, total.target)
    total.share = percent(total.persons, total.active_members)
    plans = [
        (plan, PLAN_SHORT_LABELS[plan], contribution)
        for plan, contribution in contributions.items()
    ]
    return PeriodFigures(period=period, plans=plans, unions=list(rows.values()), total=total)


def person_times_by_period(user, counts: EnrollmentCounts | None = None) -> list[dict]:
    """Enrolled person-times of the user's subtree, by period and plan, newest first.
    `counts` (enrollment_counts of the user) saves counting again."""
    counts = counts or enrollment_counts(user)
    by_period: dict[int, dict[str, int]] = {}
    for (period_id, plan), n in counts.by_period_and_plan().items():
        by_period.setdefault(period_id, {})[plan] = n
    return [
        {
            "period": period,
            "by_plan": by_period.get(period.pk, {}),
            "total": sum(by_period.get(period.pk, {}).values()),
        }
        for period in counts.periods
    ]


def my_enrollments(user) -> list[tuple[Period, list[Enrollment]]]:
    """A member's own enrollments, grouped by period, newest period first."""
    grouped: dict[int, tuple[Period, list[Enrollment]]] = {}
    enrollments = enrollments_visible_to(user).order_by("-period__start")
    for enrollment in sorted(enrollments, key=lambda e: Plan.values.index(e.plan)):
        grouped.setdefault(enrollment.period_id, (enrollment.period, []))[1].append(enrollment)
    return sorted(grouped.values(), key=lambda group: group[0].start, reverse=True)
