"""The pure rules: the suggested tier at its boundaries, aid limits, campaign rules."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from gonghui.hardship import rules

STANDARD = Decimal("1000")


def household(annual_income, people=1, **spending):
    return rules.Household(
        annual_income=Decimal(annual_income),
        household_size=people,
        **{name: Decimal(value) for name, value in spending.items()},
    )


def test_hardship_income_per_person_subtracts_rigid_spending():
    figures = household(
        "60000",
        people=4,
        spending_illness="9000",
        spending_disability="1800",
        spending_schooling="1200",
    )
    # (60,000 − 12,000) ÷ 12 ÷ 4 = 1,000.00
    assert rules.income_per_person(figures) == Decimal("1000.00")


def test_hardship_income_per_person_rounds_half_up_to_the_fen():
    # 10,000.06 ÷ 12 = 833.338333… → 833.34
    assert rules.income_per_person(household("10000.06")) == Decimal("833.34")
    # 10,000.02 ÷ 12 = 833.335 exactly → half up to 833.34, never to the even 833.33
    assert rules.income_per_person(household("10000.02")) == Decimal("833.34")


def test_hardship_tier_exactly_at_the_standard_is_not_deep():
    at_standard = household("12000")  # 1,000.00 a month: not *below* 1,000
    suggestion = rules.suggest_tier(at_standard, STANDARD)
    assert suggestion.income_per_person == Decimal("1000.00")
    assert suggestion.tier == rules.RELATIVE


def test_hardship_tier_one_fen_below_the_standard_is_deep():
    assert rules.suggest_tier(household("11999.88"), STANDARD).tier == rules.DEEP  # 999.99


def test_hardship_tier_exactly_twice_the_standard_is_not_relative():
    with translation.override("en"):
        suggestion = rules.suggest_tier(household("24000"), STANDARD)  # 2,000.00
    assert suggestion.tier == ""
    assert suggestion.trace[-2:] == [
        "2,000 is not below twice the standard (2,000).",
        "The figures do not show hardship.",
    ]


def test_hardship_tier_one_fen_below_twice_the_standard_is_relative():
    assert rules.suggest_tier(household("23999.88"), STANDARD).tier == rules.RELATIVE


def test_hardship_tier_emergency_of_exactly_80_percent_is_not_accidental():
    # 100,000 a year for one person is far above 2 × 低保; an emergency of exactly 80 %.
    exactly = household("100000", emergency_cost="80000")
    assert rules.suggest_tier(exactly, STANDARD).tier == ""


def test_hardship_tier_emergency_above_80_percent_is_accidental():
    above = household("100000", emergency_cost="80000.01")
    suggestion = rules.suggest_tier(above, STANDARD)
    assert suggestion.tier == rules.ACCIDENTAL
    assert "80,000.01" in suggestion.trace[-1]


def test_hardship_tier_deep_takes_precedence_over_an_emergency():
    figures = household("6000", emergency_cost="50000")
    assert rules.suggest_tier(figures, STANDARD).tier == rules.DEEP


def test_hardship_tier_spending_above_income_is_deep_with_nothing_left_not_a_negative_income():
    figures = household("20000", people=2, spending_illness="26000")
    with translation.override("zh-hans"):
        suggestion = rules.suggest_tier(figures, STANDARD)
    # (20,000 − 26,000) ÷ 12 ÷ 2 would be −250: a clerk reads 0 and why.
    assert suggestion.income_per_person == Decimal("0.00")
    assert suggestion.tier == rules.DEEP
    assert suggestion.trace[0] == (
        "人均月收入：刚性支出 26,000 元超过家庭年收入 20,000 元，扣除后没有剩余：0 元。"
    )


def test_hardship_tier_without_a_standard_only_judges_emergencies():
    assert rules.suggest_tier(household("6000"), None).tier == ""
    assert rules.suggest_tier(household("6000", emergency_cost="5000"), None).tier == (
        rules.ACCIDENTAL
    )


def test_hardship_tier_rejects_an_empty_household():
    with pytest.raises(ValueError):
        rules.income_per_person(household("1000", people=0))


@given(
    income=st.decimals(min_value=0, max_value=500000, places=2),
    people=st.integers(min_value=1, max_value=9),
)
def test_hardship_tier_is_monotonic_in_income(income, people):
    """More income never makes a household's suggested tier deeper."""
    order = {rules.DEEP: 0, rules.RELATIVE: 1, "": 2}
    lower = rules.suggest_tier(household(income, people), STANDARD).tier
    higher = rules.suggest_tier(household(income + 1200, people), STANDARD).tier
    assert order[higher] >= order[lower]


def test_hardship_aid_limit_in_months_of_the_standard():
    limit = rules.aid_limit(months_of_standard=Decimal(12), amount=None, monthly_standard=STANDARD)
    assert limit == Decimal("12000.00")
    assert rules.exceeds_limit(already=Decimal("11000"), new=Decimal("1000"), limit=limit) is False
    assert rules.exceeds_limit(already=Decimal("11000"), new=Decimal("1000.01"), limit=limit)


def test_hardship_aid_limit_without_a_standard_is_no_limit():
    assert (
        rules.aid_limit(months_of_standard=Decimal(8), amount=None, monthly_standard=None) is None
    )
    assert not rules.exceeds_limit(already=Decimal("1e6"), new=Decimal(1), limit=None)


def test_hardship_campaign_rule_matches_tier_cause_child_in_school_and_gender():
    pupil = rules.Relative(relation="child", age=15, schooling="junior")
    facts = rules.Facts(
        tier="deep", causes=("illness", "schooling"), worker_gender="female", family=(pupil,)
    )
    assert rules.matches_rule({}, facts)
    assert rules.matches_rule({"tiers": ["deep", "relative"], "causes": ["schooling"]}, facts)
    assert not rules.matches_rule({"tiers": ["accidental"]}, facts)
    assert not rules.matches_rule({"causes": ["disaster"]}, facts)
    assert rules.matches_rule({"child_in_school": True, "female_worker": True}, facts)
    assert not rules.matches_rule({"young_child": True}, facts)  # 15 is past Children's Day
    no_pupil = rules.Facts(tier="deep", causes=("illness",), worker_gender="male")
    assert not rules.matches_rule({"child_in_school": True}, no_pupil)
    assert not rules.matches_rule({"female_worker": True}, no_pupil)
