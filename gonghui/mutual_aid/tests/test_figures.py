"""Figures: completion rate against the target, contributions due and paid, the minimum
share of a union's members, person-times by period and plan."""

import datetime
from decimal import Decimal

from gonghui.core.money import percent
from gonghui.mutual_aid import services
from gonghui.mutual_aid.models import Plan
from gonghui.mutual_aid.selectors import period_figures, person_times_by_period
from gonghui.mutual_aid.tests.factories import enroll, make_period, pay
from gonghui.orgs.tests.factories import member


def test_zhangqi_completion_rate():
    """Seed 001: 2,589 enrolled, 123.3% of the target."""
    assert percent(2589, 2100) == Decimal("123.3")


def test_period_figures_per_union(tree, staff):
    period = make_period(tree.county, min_share=Decimal("80"))
    a1 = [member(tree.union_a1, female=True)] + [member(tree.union_a1) for _ in range(4)]
    a2 = [member(tree.union_a2) for _ in range(4)]
    enroll(period, a1, plans=[Plan.INPATIENT, Plan.FEMALE])  # 5 + 1 person-times
    enroll(period, a2[:2], plans=[Plan.INPATIENT])  # 2 of 4 members: 50% < 80%
    pay(period, tree.union_a1)
    services.targets_set(
        actor=staff.admin, period=period, targets={tree.union_a1: 4, tree.union_a2: 8}
    )

    figures = period_figures(staff.admin, period)

    rows = {row.union.code: row for row in figures.unions}
    assert set(rows) == {"TA-1", "TA-2", "TB-1"}
    a1_row = rows["TA-1"]
    assert (a1_row.persons, a1_row.by_plan, a1_row.target) == (
        5,
        {Plan.INPATIENT: 5, Plan.FEMALE: 1},
        4,
    )
    assert a1_row.completion == Decimal("125.0")
    assert (a1_row.due, a1_row.paid, a1_row.outstanding) == (270, 270, 0)
    assert a1_row.share == Decimal("100.0") and not a1_row.below_min
    a2_row = rows["TA-2"]
    assert a2_row.completion == Decimal("25.0")
    assert (a2_row.due, a2_row.paid, a2_row.outstanding, a2_row.pending) == (100, 0, 100, 2)
    assert a2_row.share == Decimal("50.0") and a2_row.below_min
    assert rows["TB-1"].completion is None and not rows["TB-1"].below_min  # no members
    assert figures.total.persons == 7 and figures.total.target == 12
    assert figures.total.completion == Decimal("58.3")
    assert [row.union.code for row in figures.below_min] == ["TA-2"]
    assert [row.union.code for row in figures.unpaid] == ["TA-2"]

    town_b = {row.union.code for row in period_figures(staff.town_b, period).unions}
    assert town_b == {"TB-1"}


def test_person_times_by_period_and_plan(tree, staff):
    old = make_period(
        tree.county,
        code="T2020",
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2020, 12, 31),
    )
    new = make_period(tree.county)
    people = [member(tree.union_a1) for _ in range(3)]
    enroll(old, people, plans=[Plan.INPATIENT, Plan.CRITICAL])
    enroll(new, people[:2], plans=[Plan.INPATIENT])
    rows = person_times_by_period(staff.admin)
    assert [(row["period"].code, row["by_plan"], row["total"]) for row in rows] == [
        ("T2021", {"INPATIENT": 2}, 2),
        ("T2020", {"INPATIENT": 3, "CRITICAL": 3}, 6),
    ]


def test_figures_page_and_the_unions_warning(client_for, tree, staff):
    period = make_period(tree.county, min_share=Decimal("80"))
    people = [member(tree.union_a1) for _ in range(5)]
    enroll(period, people[:3], plans=[Plan.INPATIENT])
    services.targets_set(actor=staff.admin, period=period, targets={tree.union_a1: 2})

    page = client_for(staff.admin).get(f"/staff/mutual-aid/periods/{period.pk}/figures/")
    html = page.content.decode()
    assert "150.0%" in html  # 3 enrolled, target 2
    assert "60.0%" in html  # 3 of 5 members

    roster = client_for(staff.union_a1).get(f"/staff/mutual-aid/periods/{period.pk}/enroll/")
    assert "仅有 60.0% 的在册会员参保，低于方案要求的 80%" in roster.content.decode()
