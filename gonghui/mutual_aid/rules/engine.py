"""compute(): what one event is owed under each plan it calls on, with a trace a member can
read. Follows ../shared/spec/rule-cases.md; where that page is silent the decision is written
beside the code and pinned by a case in rule_cases/."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from gonghui.core.dates import add_months_end
from gonghui.core.money import fmt_yuan, round_money

from .facts import ZERO, Event, Period, Situation
from .parameters import Parameters
from .vocabulary import (
    BIRTH,
    CAP_REACHED,
    CRITICAL,
    CRITICAL_LUMP_SUM,
    FEMALE,
    FEMALE_LUMP_SUM,
    IN_SITU_EXCLUDED,
    INPATIENT,
    INPATIENT_ALLOWANCE,
    INPATIENT_STAY,
    INPATIENT_SUBSIDY,
    MATERNITY,
    MATERNITY_LUMP_SUM,
    NO_BASIC_MEDICAL_INSURANCE,
    NO_MATERNITY_INSURANCE,
    NOT_APPLICABLE,
    NOT_COVERED_CATEGORY,
    NOT_ENROLLED,
    NOT_FIRST_DIAGNOSIS,
    OUTSIDE_PERIOD,
    PAST_DEADLINE,
    PLAN_LABELS,
    REASONS,
    SPECIAL_OUTPATIENT,
    WAITING_PERIOD,
)


class TraceStep(NamedTuple):
    """One sentence of the explanation: which plan and line, the rule, its inputs."""

    plan: str
    line: str | None
    rule: str
    inputs: dict[str, str]
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Result:
    lines: dict[str, Decimal]
    refused: dict[str, str]
    total: Decimal
    trace: tuple[TraceStep, ...]
    parameters_version: str


def plans_called(event: Event) -> tuple[str, ...]:
    """The plans an event asks to be paid under, in PLANS order.

    A special outpatient visit calls on INPATIENT only, even with a diagnosis: rule-cases.md
    lists no other plan for it, and a critical illness found there is claimed as a diagnosis
    event of its own.
    """
    kind = event.type
    if kind == SPECIAL_OUTPATIENT:
        return (INPATIENT,)
    if kind == BIRTH:
        return (MATERNITY,)
    called = [INPATIENT] if kind == INPATIENT_STAY else []
    diagnosis = event.diagnosis
    if diagnosis is not None:
        if diagnosis.calls_critical:
            called.append(CRITICAL)
        if diagnosis.female_cancer:
            called.append(FEMALE)
    return tuple(called)


@lru_cache(maxsize=256)
def _deadline(period_end: datetime.date, months: int) -> datetime.date:
    return add_months_end(period_end, months)


def claim_deadline(period: Period, parameters: Parameters) -> datetime.date:
    """The last day a claim on this period may be filed."""
    return _deadline(period.end, parameters.claim_deadline_months)


def compute(situation: Situation, parameters: Parameters) -> Result:
    """What the event is owed: the lines paid (only those above 0), the reason code of each
    plan called that pays nothing for a reason, the total, and the trace ending in it."""
    lines: dict[str, Decimal] = {}
    refused: dict[str, str] = {}
    trace: list[TraceStep] = []
    deadline = _deadline(situation.period.end, parameters.claim_deadline_months)
    late = situation.filed_on > deadline
    for plan in plans_called(situation.event):
        reason = PAST_DEADLINE if late else _eligibility(plan, situation, parameters)
        if reason is None:
            reason = _PAYERS[plan](situation, parameters, lines, trace)
        if reason is not None:
            refused[plan] = reason
            trace.append(_refusal(plan, reason, situation, parameters, deadline))
    total = sum(lines.values(), ZERO)
    trace.append(TraceStep("", None, "total", {"total": str(total)}, f"合计 {fmt_yuan(total)} 元"))
    return Result(
        lines=lines,
        refused=refused,
        total=total,
        trace=tuple(trace),
        parameters_version=parameters.version,
    )


def _event_date(plan: str, event: Event) -> datetime.date | None:
    """The date a plan judges the event by; None only for a special outpatient visit
    without dates, which INPATIENT refuses anyway."""
    if plan == INPATIENT:
        return event.discharge or event.admission
    if plan == MATERNITY:
        return event.date
    return event.diagnosis.first_diagnosed


def _eligibility(plan: str, situation: Situation, parameters: Parameters) -> str | None:
    """The first reason code of rule-cases.md that applies, up to IN_SITU_EXCLUDED;
    PAST_DEADLINE is checked by the caller and CAP_REACHED by the payers."""
    event = situation.event
    member = situation.member
    period = situation.period
    day = _event_date(plan, event)
    if day is not None and not period.start <= day <= period.end:
        return OUTSIDE_PERIOD
    if plan == INPATIENT and event.type == SPECIAL_OUTPATIENT:
        return NOT_COVERED_CATEGORY
    if member.gender == "male" and plan in (FEMALE, MATERNITY):
        return NOT_APPLICABLE
    enrollment = member.enrollment
    if plan not in enrollment.plans:
        return NOT_ENROLLED
    if plan == MATERNITY:
        if not member.maternity_insurance:
            return NO_MATERNITY_INSURANCE
    elif not member.basic_medical_insurance:
        return NO_BASIC_MEDICAL_INSURANCE
    # A renewal is covered from the period's start; diagnoses before it were refused above.
    if not enrollment.renewal:
        if plan in (CRITICAL, FEMALE) and day < enrollment.date:
            return NOT_FIRST_DIAGNOSIS
        # rule-cases.md puts every plan under the waiting period (MATERNITY by its birth
        # date too); only an accident, and only for INPATIENT, is exempt.
        if plan == INPATIENT:
            if not event.accident and event.admission < enrollment.date + parameters.waiting_period:
                return WAITING_PERIOD
        elif day < enrollment.date + parameters.waiting_period:
            return WAITING_PERIOD
    if plan == FEMALE and event.diagnosis.in_situ:
        return IN_SITU_EXCLUDED
    return None


def _exact(amount: Decimal) -> str:
    """An unrounded amount as written: 4601.2260 -> '4,601.226', 1000.5000 -> '1,000.50'."""
    if amount == amount.to_integral_value():
        return fmt_yuan(amount)
    normal = amount.normalize()
    if normal.as_tuple().exponent >= -2:
        return fmt_yuan(normal)
    return f"{normal:,}"


def _rounded(product: Decimal, parameters: Parameters) -> tuple[Decimal, str]:
    """The product rounded per the `rounding` parameter, and the words for it (none when
    the product needed no rounding)."""
    amount = round_money(product, parameters.rounding_unit)
    if amount == product:
        return amount, ""
    return amount, f"，四舍五入到{parameters.rounding_unit_name}：{fmt_yuan(amount)} 元"


def _pay_inpatient(situation, parameters, lines, trace) -> str | None:
    event = situation.event
    before = situation.before
    if event.place == "local":
        rate, rate_text, place_text = parameters.local_rate, parameters.local_rate_text, "本地就医"
    else:
        rate, rate_text = parameters.elsewhere_rate, parameters.elsewhere_rate_text
        place_text = "异地就医"
    self_responsibility = event.self_responsibility
    product = self_responsibility * rate
    owed, rounding_text = _rounded(product, parameters)
    trace.append(
        TraceStep(
            INPATIENT,
            INPATIENT_SUBSIDY,
            INPATIENT_SUBSIDY,
            {"self_responsibility": str(self_responsibility), "rate": str(rate)},
            f"自负费用 {_exact(self_responsibility)} 元 × {rate_text}（{place_text}）"
            f"= {_exact(product)} 元{rounding_text}",
        )
    )
    room = parameters.subsidy_cap - before.inpatient_subsidy
    if room < ZERO:
        room = ZERO
    subsidy = owed
    if owed > room:
        subsidy = room
        trace.append(
            TraceStep(
                INPATIENT,
                INPATIENT_SUBSIDY,
                "INPATIENT.subsidy_cap",
                {"cap": str(parameters.subsidy_cap), "paid": str(before.inpatient_subsidy)},
                f"本期补助上限 {fmt_yuan(parameters.subsidy_cap)} 元，"
                f"已领 {fmt_yuan(before.inpatient_subsidy)} 元，本次最多 {fmt_yuan(room)} 元",
            )
        )

    days = (event.discharge - event.admission).days
    days_left = parameters.allowance_max_days - before.inpatient_allowance_days
    if days_left < 0:
        days_left = 0
    per_day_text = parameters.allowance_per_day_text
    if days > days_left:
        paid_days = days_left
        trace.append(
            TraceStep(
                INPATIENT,
                INPATIENT_ALLOWANCE,
                "INPATIENT.allowance_max_days",
                {
                    "max_days": str(parameters.allowance_max_days),
                    "paid_days": str(before.inpatient_allowance_days),
                },
                f"本期住院津贴最多 {parameters.allowance_max_days} 天，"
                f"已领 {before.inpatient_allowance_days} 天，本次最多 {days_left} 天",
            )
        )
        days_text = f"住院 {days} 天，按 {paid_days} 天计：{paid_days} 天"
    else:
        paid_days = days
        days_text = f"住院 {days} 天"
    # The allowance is a payout line like the subsidy, so it is rounded the same way (it
    # only matters when the daily amount has fen).
    product = parameters.allowance_per_day * paid_days
    allowance, rounding_text = _rounded(product, parameters)
    trace.append(
        TraceStep(
            INPATIENT,
            INPATIENT_ALLOWANCE,
            INPATIENT_ALLOWANCE,
            {"days": str(days), "paid_days": str(paid_days), "per_day": per_day_text},
            f"{days_text} × {per_day_text} 元 = {_exact(product)} 元{rounding_text}",
        )
    )

    if subsidy > ZERO:
        lines[INPATIENT_SUBSIDY] = subsidy
    if allowance > ZERO:
        lines[INPATIENT_ALLOWANCE] = allowance
        return None
    if subsidy > ZERO:
        return None
    # Both lines are 0. It is the caps' doing when a cap cut something owed, or when both
    # caps are used up; a stay that owed nothing (no 自负, no night) is not refused.
    if owed > subsidy or days > paid_days or (room == ZERO and days_left == 0):
        return CAP_REACHED
    return None


def _pay_critical(situation, parameters, lines, trace) -> str | None:
    before = situation.before
    diagnosis = situation.event.diagnosis
    room = parameters.critical_cap - before.critical_paid
    if room <= ZERO:
        return CAP_REACHED
    if diagnosis.critical == "severe":
        amount, severity = parameters.critical_severe, "重度"
    else:
        amount, severity = parameters.critical_mild, "轻度"
    icd10 = f"，{diagnosis.icd10}" if diagnosis.icd10 else ""
    trace.append(
        TraceStep(
            CRITICAL,
            CRITICAL_LUMP_SUM,
            CRITICAL_LUMP_SUM,
            {"critical": diagnosis.critical, "amount": str(amount)},
            f"重大疾病首次确诊（{severity}{icd10}）：{fmt_yuan(amount)} 元",
        )
    )
    if amount > room:
        amount = room
        trace.append(
            TraceStep(
                CRITICAL,
                CRITICAL_LUMP_SUM,
                "CRITICAL.cap",
                {"cap": str(parameters.critical_cap), "paid": str(before.critical_paid)},
                f"本期重大疾病互助保障金上限 {fmt_yuan(parameters.critical_cap)} 元，"
                f"已领 {fmt_yuan(before.critical_paid)} 元，本次最多 {fmt_yuan(room)} 元",
            )
        )
    if amount > ZERO:
        lines[CRITICAL_LUMP_SUM] = amount
    return None


def _pay_female(situation, parameters, lines, trace) -> str | None:
    if situation.before.female_paid > ZERO:
        return CAP_REACHED
    amount = parameters.female_amount
    icd10 = situation.event.diagnosis.icd10
    trace.append(
        TraceStep(
            FEMALE,
            FEMALE_LUMP_SUM,
            FEMALE_LUMP_SUM,
            {"amount": str(amount), "icd10": icd10},
            f"女职工特殊病首次确诊（原发性女性癌症{'，' + icd10 if icd10 else ''}）："
            f"{fmt_yuan(amount)} 元，每期领一次",
        )
    )
    if amount > ZERO:
        lines[FEMALE_LUMP_SUM] = amount
    return None


def _pay_maternity(situation, parameters, lines, trace) -> str | None:
    amount = parameters.maternity_amount
    born = situation.event.date
    trace.append(
        TraceStep(
            MATERNITY,
            MATERNITY_LUMP_SUM,
            MATERNITY_LUMP_SUM,
            {"amount": str(amount), "date": born.isoformat()},
            f"{_day(born)}分娩，在本期保障期内：生育特定互助金 {fmt_yuan(amount)} 元",
        )
    )
    if amount > ZERO:
        lines[MATERNITY_LUMP_SUM] = amount
    return None


_PAYERS = {
    INPATIENT: _pay_inpatient,
    CRITICAL: _pay_critical,
    FEMALE: _pay_female,
    MATERNITY: _pay_maternity,
}

_DATE_WORDS = {
    INPATIENT: "出院日期",
    CRITICAL: "首次确诊日期",
    FEMALE: "首次确诊日期",
    MATERNITY: "分娩日期",
}


def _day(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _refusal(plan, reason, situation, parameters, deadline) -> TraceStep:
    """The refusal sentence: the reason a member reads, and the facts that decided it."""
    event = situation.event
    detail = ""
    if reason == PAST_DEADLINE:
        detail = f"申请日期 {_day(situation.filed_on)}，截止日 {_day(deadline)}"
    elif reason == OUTSIDE_PERIOD:
        period = situation.period
        detail = (
            f"{_DATE_WORDS[plan]} {_day(_event_date(plan, event))}，"
            f"保障期 {_day(period.start)}至{_day(period.end)}"
        )
    elif reason in (NOT_FIRST_DIAGNOSIS, WAITING_PERIOD):
        enrollment = situation.member.enrollment
        day = event.admission if plan == INPATIENT else _event_date(plan, event)
        words = "入院日期" if plan == INPATIENT else _DATE_WORDS[plan]
        detail = f"{words} {_day(day)}，参保生效 {_day(enrollment.date)}"
        if reason == WAITING_PERIOD:
            covered_from = enrollment.date + parameters.waiting_period
            detail += f"，观察期 {parameters.waiting_period.days} 天，{_day(covered_from)}起保障"
    elif reason == CAP_REACHED and plan == INPATIENT:
        detail = (
            f"住院医疗费补助本期上限 {fmt_yuan(parameters.subsidy_cap)} 元，"
            f"已领 {fmt_yuan(situation.before.inpatient_subsidy)} 元；"
            f"住院津贴本期最多 {parameters.allowance_max_days} 天，"
            f"已领 {situation.before.inpatient_allowance_days} 天"
        )
    elif reason == CAP_REACHED and plan == CRITICAL:
        detail = (
            f"本期上限 {fmt_yuan(parameters.critical_cap)} 元，"
            f"已领 {fmt_yuan(situation.before.critical_paid)} 元"
        )
    elif reason == CAP_REACHED and plan == FEMALE:
        detail = (
            f"女职工特殊病互助金每期只领一次，本期已领 {fmt_yuan(situation.before.female_paid)} 元"
        )
    text = f"{PLAN_LABELS[plan]}不予支付：{REASONS[reason]}"
    if detail:
        text = f"{text.removesuffix('。')}（{detail}）。"
    return TraceStep(plan, None, f"{plan}.refused", {"reason": reason}, text)
