"""Coverage recomputed from rows: an enterprise bound by its own contract and a regional one
counts once, its workers once; against unionised enterprises and those with ≥25 staff."""

import datetime
from decimal import Decimal

import pytest
import time_machine

from gonghui.contracts import selectors
from gonghui.contracts.models import Kind
from gonghui.contracts.tests.helpers import DAY, effective, firm, signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(on, staff):
    """Town A: three unionised firms (100, 40, 20 staff) and one without a union (30 staff);
    town B: one unionised firm (200). A's first firm has its own wage contract (90 workers)
    and, like the second, is bound by a regional contract of town A (95 and 35 workers)."""
    with time_machine.travel(datetime.datetime(2025, 3, 20, 10), tick=False):
        a1 = firm(on.union_a1, on.town_a, 100)
        a2 = firm(on.union_a2, on.town_a, 40)
        firm(on.union_a2, on.town_a, 20)
        firm(None, on.town_a, 30)
        b1 = firm(on.union_b1, on.town_b, 200)
        effective(staff.union_a1, on.union_a1, [(a1, 90)])
        effective(staff.town_a, on.town_a, [(a1, 95), (a2, 35)], kind=Kind.COMPREHENSIVE)
        signed(staff.town_b, on.union_b1, [(b1, 180)])  # signed, not filed: not in force
    return on


def test_an_overlapping_regional_contract_is_counted_once(county, staff):
    totals = selectors.coverage_for(staff.admin, DAY(2025, 6, 1))["totals"]
    assert totals["covered"] == 2
    assert totals["workers"] == 95 + 35  # a1 once (the larger figure), not 90 + 95
    assert totals["staff_of_covered"] == 140
    assert totals["rate_workers"] == Decimal("92.9")
    assert (totals["unionised"], totals["covered_unionised"]) == (4, 2)
    assert totals["rate_unionised"] == Decimal("50.0")
    assert (totals["big"], totals["covered_big"], totals["rate_big"]) == (4, 2, Decimal("50.0"))


def test_coverage_by_town_and_kind_and_before_the_contracts_took_effect(county, staff):
    cover = selectors.coverage_for(staff.admin, DAY(2025, 6, 1))
    towns = {row["name"]: (row["covered"], row["workers"]) for row in cover["by_town"]}
    assert towns == {"甲镇总工会": (2, 130), "乙镇总工会": (0, 0)}
    kinds = {row["kind"]: (row["enterprises"], row["workers"]) for row in cover["by_kind"]}
    assert kinds["wage"] == (1, 90) and kinds["comprehensive"] == (2, 130)
    assert selectors.coverage_for(staff.admin, DAY(2025, 3, 10))["totals"]["covered"] == 0
    assert selectors.coverage_for(staff.town_b, DAY(2025, 6, 1))["totals"]["covered"] == 0
