"""Reads: the report sentence in the articles' form, amounts in words, and the 低保
standard of the nearest area."""

from collections import Counter
from decimal import Decimal

import pytest
from django.utils import translation

from gonghui.hardship import selectors
from gonghui.hardship.models import Tier
from gonghui.hardship.tests.factories import set_standard


def test_hardship_report_sentence_reads_like_the_articles_in_chinese():
    with translation.override("zh-hans"):
        sentence = selectors.aid_sentence(
            org_name="安吉县总工会",
            title="2026年两节送温暖",
            by_tier=Counter({Tier.DEEP: 60, Tier.RELATIVE: 150}),
            cash=Decimal("496500"),
            goods=Decimal("0"),
        )
    assert sentence == (
        "2026年两节送温暖：安吉县总工会为60名深度困难职工、150户相对困难职工家庭"
        "送去慰问金共计49.7万元。"
    )


def test_hardship_report_sentence_names_gifts_and_small_sums():
    with translation.override("zh-hans"):
        sentence = selectors.aid_sentence(
            org_name="路桥区总工会",
            title="2026年夏送清凉",
            by_tier=Counter({Tier.ACCIDENTAL: 2}),
            cash=Decimal("0"),
            goods=Decimal("300"),
        )
        assert selectors.amount_in_words(Decimal("44000")) == "4.4万元"
        assert selectors.amount_in_words(Decimal("9999.5")) == "9,999.50元"
    assert sentence == "2026年夏送清凉：路桥区总工会为2户意外致困职工家庭送去慰问品共计300元。"
    assert (
        selectors.aid_sentence(
            org_name="x", title="y", by_tier=Counter(), cash=Decimal(0), goods=Decimal(0)
        )
        == ""
    )


@pytest.mark.django_db
def test_hardship_standard_is_taken_from_the_nearest_area_with_one(tree, staff):
    set_standard(staff, tree, Decimal("1000"), year=2026)
    assert selectors.standard_for(tree.union_a1, 2026).monthly_amount == Decimal("1000.00")
    assert selectors.standard_for(tree.union_a1, 2025) is None
    assert tree.union_a1.ancestor_ids == [
        tree.county.pk,
        tree.town_a.pk,
        tree.union_a1.pk,
    ]
