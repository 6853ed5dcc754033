"""The benefit calculator (试算): what the scheme would pay for a stay, a diagnosis or a birth,
line by line with the engine's reasons, without filing anything. Nothing is written: a
quote is not a claim, so it neither freezes parameters nor keeps the member's diagnosis."""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.core.money import to_decimal
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Period, Plan
from gonghui.mutual_aid.rules import (
    LINE_LABELS,
    PLAN_LABELS,
    REASONS,
    Before,
    Diagnosis,
    Event,
    MemberFacts,
    Parameters,
    Result,
    Situation,
    compute,
    plans_called,
)
from gonghui.mutual_aid.rules import (
    Enrollment as EngineEnrollment,
)
from gonghui.mutual_aid.rules import Period as EnginePeriod
from gonghui.mutual_aid.selectors import parameters_for, periods_of_union
from gonghui.orgs.models import Member

EVENT_TYPES = ("inpatient", "special_outpatient", "diagnosis", "birth")
# Lines are shown in the order of the worked example of seed 000.
LINE_ORDER = (
    "INPATIENT.allowance",
    "INPATIENT.subsidy",
    "CRITICAL.lump_sum",
    "FEMALE.lump_sum",
    "MATERNITY.lump_sum",
)
STAY_TYPES = ("inpatient", "special_outpatient")


def event_build(
    *,
    type: str,
    admission: datetime.date | None = None,
    discharge: datetime.date | None = None,
    place: str = "local",
    accident: bool = False,
    self_responsibility=None,
    critical: str = "none",
    female_cancer: bool = False,
    in_situ: bool = False,
    first_diagnosed: datetime.date | None = None,
    icd10: str = "",
    birth_date: datetime.date | None = None,
) -> Event:
    """The engine's Event from what a form or an API request carries. Raises a
    ValidationError keyed by field, in words a member understands."""
    errors: dict[str, str] = {}
    if type not in EVENT_TYPES:
        raise ValidationError({"type": pgettext("mutual_aid", "Choose what happened.")})
    diagnosis = None
    has_diagnosis = critical in ("mild", "severe") or female_cancer
    if critical not in ("none", "mild", "severe"):
        errors["critical"] = _("Choose severe, mild or neither.")
    if type in STAY_TYPES:
        if admission is None:
            errors["admission"] = _("Enter the admission date.")
        if discharge is None:
            errors["discharge"] = _("Enter the discharge date.")
        if admission and discharge and discharge < admission:
            errors["discharge"] = _("The discharge date cannot be before the admission date.")
        if place not in ("local", "elsewhere"):
            errors["place"] = _("Choose where you were treated.")
        if self_responsibility in (None, ""):
            errors["self_responsibility"] = _("Enter the 自负 amount from the settlement slip.")
        else:
            try:
                self_responsibility = to_decimal(self_responsibility)
            except (TypeError, ValueError):
                errors["self_responsibility"] = _("Enter the 自负 amount as a number of yuan.")
            else:
                if self_responsibility < 0:
                    errors["self_responsibility"] = _("The 自负 amount cannot be negative.")
    if type == "diagnosis" and not has_diagnosis:
        errors["critical"] = _("Say which kind of illness was diagnosed.")
    if type in ("inpatient", "diagnosis") and has_diagnosis:
        if first_diagnosed is None:
            errors["first_diagnosed"] = _("Enter the date of the first diagnosis.")
        diagnosis = Diagnosis(
            icd10=(icd10 or "").strip().upper(),
            first_diagnosed=first_diagnosed,
            critical=critical,
            female_cancer=bool(female_cancer),
            in_situ=bool(in_situ),
        )
    if type == "birth" and birth_date is None:
        errors["birth_date"] = _("Enter the date of birth of the baby.")
    if errors:
        raise ValidationError(errors)
    if type in STAY_TYPES:
        return Event(
            type=type,
            admission=admission,
            discharge=discharge,
            place=place,
            accident=bool(accident),
            self_responsibility=self_responsibility,
            diagnosis=diagnosis,
        )
    if type == "diagnosis":
        return Event(type=type, diagnosis=diagnosis)
    return Event(type=type, date=birth_date)


def event_date(event: Event) -> datetime.date:
    """The date that places the event in a period (rule-cases.md, "Dates that decide")."""
    if event.type in STAY_TYPES:
        return event.discharge
    if event.type == "birth":
        return event.date
    return event.diagnosis.first_diagnosed


@dataclass(frozen=True)
class QuoteLine:
    code: str
    label: str
    amount: Decimal
    texts: tuple[str, ...]
    # The inputs of the engine's step that computed the line (e.g. paid_days of the allowance).
    inputs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QuoteRefusal:
    plan: str
    label: str
    reason: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Quote:
    period: Period
    lines: tuple[QuoteLine, ...]
    refused: tuple[QuoteRefusal, ...]
    total: Decimal
    parameters_version: str
    notices: tuple[str, ...] = ()


def _present(period: Period, results: dict[str, Result], version: str, notices=()) -> Quote:
    """One quote from the result deciding each plan (plan → result)."""
    lines, refused, seen = [], [], set()
    for plan, result in results.items():
        for code, amount in result.lines.items():
            if code.split(".")[0] != plan or code in seen:
                continue
            seen.add(code)
            texts = tuple(step.text for step in result.trace if step.line == code)
            inputs = next((dict(step.inputs) for step in result.trace if step.rule == code), {})
            lines.append(QuoteLine(code, LINE_LABELS.get(code, code), amount, texts, inputs))
        if plan in result.refused:
            reason = result.refused[plan]
            steps = [step.text for step in result.trace if step.plan == plan and not step.line]
            texts = tuple(dict.fromkeys(steps)) or (REASONS.get(reason, reason),)
            refused.append(QuoteRefusal(plan, PLAN_LABELS.get(plan, plan), reason, texts))
    lines.sort(key=lambda line: LINE_ORDER.index(line.code) if line.code in LINE_ORDER else 99)
    return Quote(
        period=period,
        lines=tuple(lines),
        refused=tuple(refused),
        total=sum((line.amount for line in lines), Decimal("0")),
        parameters_version=version,
        notices=tuple(notices),
    )


def _compute_groups(
    *,
    period: Period,
    facts: dict,
    groups: dict,
    event: Event,
    filed_on: datetime.date,
    before: Before | None = None,
    draft: tuple[str, Parameters] | None = None,
) -> Quote:
    """groups: (enrollment date, renewal) → plans. A member enrolled in plans at different
    dates or with different renewal status is computed once per group; each plan takes the
    result of the group it belongs to. `draft` (label, parameters) replaces the period's own
    parameters, for a reform simulation."""
    if draft is None:
        current, parameters = parameters_for(period)
        label = current.label
    else:
        label, parameters = draft
    results = results_for_groups(
        parameters=parameters,
        period=EnginePeriod(start=period.start, end=period.end),
        facts=facts,
        groups=groups,
        event=event,
        filed_on=filed_on,
        before=before,
    )
    return _present(period, results, label)


def results_for_groups(
    *,
    parameters,
    period: EnginePeriod,
    facts: dict,
    groups: dict,
    event: Event,
    filed_on: datetime.date,
    before: Before | None = None,
) -> dict[str, Result]:
    """The engine's result deciding each plan the event calls on (plan → result), for
    callers that already hold the parameters and compute many events (the medical-insurance
    feed computes a million records with parameters read once)."""
    if not groups:
        groups = {(period.start, False): set()}
    results: dict[str, Result] = {}
    called = plans_called(event)
    for (enrolled_on, renewal), plans in groups.items():
        situation = Situation(
            period=period,
            member=MemberFacts(
                enrollment=EngineEnrollment(
                    plans=frozenset(plans), date=enrolled_on, renewal=renewal
                ),
                **facts,
            ),
            event=event,
            filed_on=filed_on,
            before=before or Before(),
        )
        result = compute(situation, parameters)
        for plan in called:
            if plan in plans or plan not in results:
                results[plan] = result
    return results


def quote_from_results(period: Period, results: dict[str, Result], version: str) -> Quote:
    """A quote (lines in the worked example's order, refusals, total) from the results of
    results_for_groups."""
    return _present(period, results, version)


def _period_for(periods, member_periods: set[int], day: datetime.date) -> Period | None:
    containing = [period for period in periods if period.start <= day <= period.end]
    if containing:
        return containing[0]
    enrolled = [period for period in periods if period.pk in member_periods]
    return (enrolled or periods or [None])[0]


@dataclass(frozen=True)
class MemberSituation:
    """What a member's quote reads besides the member: the periods of the scheme of their
    federation, newest first, and the member's enrollments in them."""

    periods: list[Period]
    enrollments: list[Enrollment]


def member_situation(member: Member) -> MemberSituation:
    periods = list(periods_of_union(member.union).order_by("-start"))
    return MemberSituation(
        periods, list(Enrollment.objects.filter(member=member, period__in=periods))
    )


def member_situations(
    members: Iterable[Member], *, member_ids: QuerySet
) -> dict[int, MemberSituation]:
    """member_situation of many members (a reform simulation quotes tens of thousands of
    claims) in two queries: the periods of every federation above their unions, the
    enrollments. `member_ids` is the same members as a subquery."""
    chain_of = {member.pk: tuple(member.union.ancestor_ids) for member in members}
    federations = {pk for chain in chain_of.values() for pk in chain}
    # As periods_of_union, for all the unions at once.
    candidates = list(
        Period.objects.select_related("scheme__federation")
        .filter(scheme__federation_id__in=federations)
        .order_by("-start")
    )
    periods_by_chain = {
        chain: [period for period in candidates if period.scheme.federation_id in chain]
        for chain in set(chain_of.values())
    }
    period_ids = {period.pk for period in candidates}
    enrollments = defaultdict(list)
    for enrollment in Enrollment.objects.filter(member_id__in=member_ids, period_id__in=period_ids):
        enrollments[enrollment.member_id].append(enrollment)
    situations = {}
    for member_id, chain in chain_of.items():
        periods = periods_by_chain[chain]
        own = {period.pk for period in periods}
        situations[member_id] = MemberSituation(
            periods, [e for e in enrollments[member_id] if e.period_id in own]
        )
    return situations


def quote_for_member(
    *,
    member: Member,
    event: Event,
    filed_on: datetime.date,
    before_for: Callable[[Period], Before] | None = None,
    draft: tuple[str, Parameters] | None = None,
    situation: MemberSituation | None = None,
) -> Quote:
    """The member's own situation: their enrollments in the period the event falls in (only
    paid ones cover), their insurance flags, and what was already paid in that period
    (`before_for(period)`, from the claims app; nothing when not given). `situation`, when
    given, is member_situation(member) read beforehand."""
    situation = situation or member_situation(member)
    periods, enrollments = situation.periods, situation.enrollments
    period = _period_for(periods, {e.period_id for e in enrollments}, event_date(event))
    if period is None:
        raise ValidationError(_("Your federation does not run a mutual-aid scheme yet."))
    groups: dict[tuple, set[str]] = defaultdict(set)
    unpaid = []
    for enrollment in enrollments:
        if enrollment.period_id != period.pk:
            continue
        if enrollment.status == EnrollmentStatus.EFFECTIVE:
            groups[(enrollment.enrolled_on, enrollment.renewal)].add(enrollment.plan)
        else:
            unpaid.append(str(Plan(enrollment.plan).label))
    quote = _compute_groups(
        period=period,
        facts={
            "gender": member.gender,
            "basic_medical_insurance": member.basic_medical_insurance,
            "maternity_insurance": member.maternity_insurance,
        },
        groups=dict(groups),
        event=event,
        filed_on=filed_on,
        before=before_for(period) if before_for else None,
        draft=draft,
    )
    if unpaid:
        notice = _(
            "Your union has not paid the contributions for %(plans)s yet; until it does, "
            "these plans do not cover you."
        ) % {"plans": "、".join(unpaid)}
        return replace(quote, notices=(notice,))
    return quote


def quote_for_facts(
    *,
    period: Period,
    gender: str,
    basic_medical_insurance: bool,
    maternity_insurance: bool,
    plans: list[str],
    enrolled_on: datetime.date,
    renewal: bool,
    event: Event,
    filed_on: datetime.date,
) -> Quote:
    """Staff entering a situation by hand (a member not yet in the registry, a what-if)."""
    return _compute_groups(
        period=period,
        facts={
            "gender": gender,
            "basic_medical_insurance": basic_medical_insurance,
            "maternity_insurance": maternity_insurance,
        },
        groups={(enrolled_on, renewal): set(plans)},
        event=event,
        filed_on=filed_on,
    )
