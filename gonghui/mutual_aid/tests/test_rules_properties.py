"""Invariants of the rules engine over generated situations (hypothesis): amounts are never
negative, never above their caps, caps hold over a whole period of claims, the subsidy grows
with 自负, the total adds up, and the trace explains every line."""

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.core.money import fmt_yuan, round_money
from gonghui.mutual_aid.rules import (
    PLANS,
    Before,
    Diagnosis,
    Enrollment,
    Event,
    MemberFacts,
    Parameters,
    Period,
    Situation,
    compute,
    plans_called,
)

BOUNDED = settings(max_examples=200, deadline=None, database=None)
ZERO = Decimal(0)


def fen(low: int, high: int):
    """Yuan amounts with fen, from low to high yuan."""
    return st.integers(low * 100, high * 100).map(lambda cents: Decimal(cents) / 100)


@st.composite
def periods(draw) -> Period:
    start = date(draw(st.integers(2019, 2023)), draw(st.sampled_from([1, 7])), 1)
    return Period(start=start, end=start.replace(year=start.year + 1) - timedelta(days=1))


def days_around(period: Period, before: int = 60, after: int = 30):
    """Days near the period, mostly inside it (where the interesting arithmetic is)."""
    span = (period.end - period.start).days
    offsets = st.integers(0, span) | st.integers(-before, span + after)
    return offsets.map(lambda offset: period.start + timedelta(offset))


def mostly(value, other, times: int = 3):
    return st.sampled_from([value] * times + [other])


@st.composite
def members(draw, period: Period) -> MemberFacts:
    return MemberFacts(
        gender=draw(mostly("female", "male", 2)),
        basic_medical_insurance=draw(mostly(True, False)),
        maternity_insurance=draw(mostly(True, False)),
        enrollment=Enrollment(
            plans=draw(mostly(frozenset(PLANS), None))
            or draw(st.frozensets(st.sampled_from(PLANS))),
            date=draw(days_around(period, before=60, after=-120)),
            renewal=draw(mostly(True, False, 2)),
        ),
    )


@st.composite
def diagnoses(draw, period: Period) -> Diagnosis:
    return Diagnosis(
        icd10=draw(st.sampled_from(["C11", "C50.9", "I21.4", "D06.9", ""])),
        first_diagnosed=draw(days_around(period)),
        critical=draw(st.sampled_from(["none", "mild", "severe"])),
        female_cancer=draw(st.booleans()),
        in_situ=draw(st.booleans()),
    )


@st.composite
def stays(draw, period: Period, kind: str = "inpatient") -> Event:
    admission = draw(days_around(period))
    return Event(
        type=kind,
        admission=admission,
        discharge=admission + timedelta(days=draw(st.integers(0, 150))),
        place=draw(st.sampled_from(["local", "elsewhere"])),
        accident=draw(st.booleans()),
        self_responsibility=draw(fen(0, 80_000)),
        diagnosis=draw(st.none() | diagnoses(period)),
    )


@st.composite
def events(draw, period: Period) -> Event:
    kind = draw(st.sampled_from(["inpatient"] * 3 + ["special_outpatient", "diagnosis", "birth"]))
    if kind in ("inpatient", "special_outpatient"):
        return draw(stays(period, kind))
    if kind == "diagnosis":
        return Event(type=kind, diagnosis=draw(diagnoses(period)))
    return Event(type=kind, date=draw(days_around(period)))


befores = st.builds(
    Before,
    inpatient_subsidy=fen(0, 40_000),
    inpatient_allowance_days=st.integers(0, 100),
    critical_paid=st.sampled_from([ZERO, Decimal(2000), Decimal(4000), Decimal(5000)])
    | fen(0, 6000),
    female_paid=st.sampled_from([ZERO, Decimal(5000)]),
)


@st.composite
def parameter_sets(draw) -> Parameters:
    overrides = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "rounding": st.sampled_from(["yuan_half_up", "fen_half_up"]),
                "waiting_days": st.integers(0, 365),
                "claim_deadline_months": st.integers(0, 12),
                "INPATIENT.local_rate": st.integers(0, 100).map(lambda p: Decimal(p) / 100),
                "INPATIENT.elsewhere_rate": st.integers(0, 100).map(lambda p: Decimal(p) / 100),
                "INPATIENT.subsidy_cap": fen(0, 60_000),
                "INPATIENT.allowance_per_day": fen(0, 100),
                "INPATIENT.allowance_max_days": st.integers(0, 180),
                "CRITICAL.severe": fen(0, 10_000),
                "CRITICAL.mild": fen(0, 5_000),
                "CRITICAL.cap": fen(0, 10_000),
                "FEMALE.amount": fen(0, 10_000),
                "MATERNITY.amount": fen(0, 2_000),
            },
        )
    )
    return Parameters.from_mapping(overrides, version="generated")


@st.composite
def situations(draw) -> Situation:
    period = draw(periods())
    return Situation(
        period=period,
        member=draw(members(period)),
        event=draw(events(period)),
        filed_on=draw(mostly(period.end, period.end + timedelta(days=100), 5)),
        before=draw(befores),
    )


def room(cap, used):
    return max(cap - used, ZERO)


@BOUNDED
@given(situations(), parameter_sets())
def test_amounts_are_never_negative_and_the_total_adds_up(situation, parameters):
    result = compute(situation, parameters)
    assert all(amount > 0 for amount in result.lines.values())
    assert result.total == sum(result.lines.values(), ZERO)
    assert result.total >= 0
    called = plans_called(situation.event)
    assert set(result.refused) <= set(called)
    assert {line.split(".")[0] for line in result.lines} <= set(called) - set(result.refused)


@BOUNDED
@given(situations(), parameter_sets())
def test_each_line_stays_within_its_cap(situation, parameters):
    lines = compute(situation, parameters).lines
    before = situation.before
    get = parameters.get
    assert lines.get("INPATIENT.subsidy", ZERO) <= room(
        get("INPATIENT.subsidy_cap"), before.inpatient_subsidy
    )
    days_left = max(get("INPATIENT.allowance_max_days") - before.inpatient_allowance_days, 0)
    unit = Decimal(1) if get("rounding") == "yuan_half_up" else Decimal("0.01")
    assert lines.get("INPATIENT.allowance", ZERO) <= round_money(
        days_left * get("INPATIENT.allowance_per_day"), unit
    )
    assert lines.get("CRITICAL.lump_sum", ZERO) <= room(get("CRITICAL.cap"), before.critical_paid)
    assert lines.get("CRITICAL.lump_sum", ZERO) <= max(get("CRITICAL.severe"), get("CRITICAL.mild"))
    if before.female_paid:
        assert "FEMALE.lump_sum" not in lines
    assert lines.get("FEMALE.lump_sum", ZERO) <= get("FEMALE.amount")
    assert lines.get("MATERNITY.lump_sum", ZERO) <= get("MATERNITY.amount")


@st.composite
def periods_of_claims(draw):
    """One renewed woman, enrolled in every plan, and the stays and diagnoses of a year."""
    period = draw(periods())
    member = MemberFacts(
        gender="female",
        basic_medical_insurance=True,
        maternity_insurance=True,
        enrollment=Enrollment(
            plans=frozenset(PLANS), date=period.start - timedelta(days=10), renewal=True
        ),
    )
    claims = draw(st.lists(stays(period) | events(period), min_size=1, max_size=12))
    return period, member, claims


@BOUNDED
@given(periods_of_claims())
def test_running_totals_never_exceed_the_caps_over_a_period(claims_of_a_period):
    period, member, claims = claims_of_a_period
    parameters = Parameters.defaults()
    before = Before()
    female_payments = 0
    for event in claims:
        situation = Situation(
            period=period, member=member, event=event, filed_on=period.end, before=before
        )
        lines = compute(situation, parameters).lines
        female_payments += "FEMALE.lump_sum" in lines
        before = Before(
            inpatient_subsidy=before.inpatient_subsidy + lines.get("INPATIENT.subsidy", ZERO),
            inpatient_allowance_days=before.inpatient_allowance_days
            + int(lines.get("INPATIENT.allowance", ZERO) / 30),
            critical_paid=before.critical_paid + lines.get("CRITICAL.lump_sum", ZERO),
            female_paid=before.female_paid + lines.get("FEMALE.lump_sum", ZERO),
        )
        assert before.inpatient_subsidy <= 35_000
        assert before.inpatient_allowance_days <= 90
        assert before.critical_paid <= 5_000
        assert before.female_paid <= 5_000
        assert female_payments <= 1


@BOUNDED
@given(situations(), parameter_sets(), fen(0, 80_000), fen(0, 80_000))
def test_the_subsidy_never_decreases_when_self_responsibility_grows(
    situation, parameters, first, second
):
    smaller, larger = sorted((first, second))

    def subsidy(amount):
        event = dataclasses.replace(situation.event, self_responsibility=amount)
        changed = dataclasses.replace(situation, event=event)
        return compute(changed, parameters).lines.get("INPATIENT.subsidy", ZERO)

    assert subsidy(smaller) <= subsidy(larger)


@BOUNDED
@given(situations(), parameter_sets())
def test_the_trace_explains_every_line_and_ends_with_the_total(situation, parameters):
    result = compute(situation, parameters)
    for line, amount in result.lines.items():
        explaining = [step.text for step in result.trace if step.line == line]
        assert any(fmt_yuan(amount) in text for text in explaining), (line, explaining)
    for plan in result.refused:
        assert any(step.rule == f"{plan}.refused" for step in result.trace)
    assert result.trace[-1].text == f"合计 {fmt_yuan(result.total)} 元"
