"""Invariants of the points engine over generated applications (hypothesis): a section never
gives more than its cap; adding a line whose ref is empty or new never lowers a score; the ranking
is a total order independent of the input order; every line is traced."""

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.craftsman.scoring import Applicant, Evidence, rules_from_mapping, score, select
from gonghui.craftsman.tests.test_scoring_cases import SCHEME

BOUNDED = settings(max_examples=200, deadline=None, database=None)
RULES = rules_from_mapping(
    {
        **SCHEME,
        "sections": [
            *SCHEME["sections"],
            {
                "code": "CERT",
                "name": "职业技能等级",
                "cap": 12.5,
                "mode": "best",
                "window": False,
                "items": [
                    {"code": "L1", "name": "高级技师", "points": 15},
                    {"code": "L5", "name": "初级工", "points": 1.5},
                ],
            },
        ],
    }
)
ITEMS = [(f"{s.code}.{i.code}", i.per_unit) for s in RULES.sections for i in s.items]


@st.composite
def evidence(draw, refs=st.sampled_from(["", "", "R1", "R2", "R3"])):
    key, per_unit = draw(st.sampled_from(ITEMS))
    return Evidence(
        item=key,
        date=datetime.date(2016, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 2200))),
        ref=draw(refs),
        quantity=draw(st.integers(1, 8)) if per_unit else 1,
    )


@st.composite
def applicants(draw, id="A1"):
    return Applicant(
        id=id,
        member=draw(st.booleans()) or draw(st.booleans()),
        service_years=Decimal(draw(st.integers(0, 10))),
        applied_at=datetime.datetime(2021, 5, 1)
        + datetime.timedelta(minutes=draw(st.integers(0, 3))),
        adjustment=Decimal(draw(st.integers(-50, 50))) / 10,
        evidence=tuple(draw(st.lists(evidence(), max_size=8))),
    )


@BOUNDED
@given(applicants())
def test_a_section_never_gives_more_than_its_cap_and_every_line_is_traced(applicant):
    result = score(applicant, RULES)
    for section in RULES.sections:
        assert Decimal(0) <= result.sections.get(section.code, Decimal(0)) <= section.cap
    assert {step.line for step in result.trace if step.line} == set(
        range(1, len(applicant.evidence) + 1)
    )
    if result.eligible:
        assert result.total >= 0
        assert result.total >= sum(result.sections.values()) + applicant.adjustment


@BOUNDED
@given(applicants(), evidence(refs=st.sampled_from(["", "NEW-1"])), st.integers(0, 8))
def test_adding_a_line_with_an_empty_or_new_ref_never_lowers_the_score(applicant, extra, at):
    before = score(applicant, RULES)
    lines = list(applicant.evidence)
    lines.insert(min(at, len(lines)), extra)
    after = score(Applicant(**{**_fields(applicant), "evidence": tuple(lines)}), RULES)
    assert after.eligible == before.eligible
    if before.eligible:
        assert after.total >= before.total
        for code, value in before.sections.items():
            assert after.sections[code] >= value


def _fields(applicant):
    return {name: getattr(applicant, name) for name in applicant.__dataclass_fields__}


@BOUNDED
@given(
    st.lists(applicants(), min_size=1, max_size=8),
    st.randoms(use_true_random=False),
    st.integers(0, 9),
)
def test_the_ranking_is_a_total_order_independent_of_input_order(people, shuffler, quota):
    people = [Applicant(**{**_fields(p), "id": f"A{n}"}) for n, p in enumerate(people)]
    results = [score(p, RULES) for p in people]
    first = select(results, quota=quota)
    shuffled = list(results)
    shuffler.shuffle(shuffled)
    assert select(shuffled, quota=quota) == first
    everyone = select(results, quota=len(results))
    assert len({s.applicant_id for s in everyone}) == sum(r.eligible for r in results)
    assert first == everyone[: min(quota, len(everyone))]
