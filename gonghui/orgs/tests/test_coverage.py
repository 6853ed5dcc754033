from decimal import Decimal

import pytest

from gonghui.orgs.models import MemberStatus
from gonghui.orgs.selectors import coverage_figures
from gonghui.orgs.tests import factories


@pytest.mark.django_db
def test_coverage_figures_count_from_the_rows(tree, staff):
    big = factories.enterprise(tree.union_a1, tree.town_a, staff_count=120)
    factories.enterprise(tree.union_a2, tree.town_a, staff_count=30)
    factories.enterprise(None, tree.town_a, staff_count=150)
    factories.enterprise(None, tree.town_a, staff_count=26)
    factories.enterprise(None, tree.town_b, staff_count=500)
    for _ in range(3):
        factories.member(tree.union_a1, enterprise=big)
    factories.member(tree.union_a1, enterprise=big, status=MemberStatus.LEFT)
    factories.member(tree.union_b1)

    town = coverage_figures(staff.town_a)
    assert town["grassroots_unions"] == 2
    assert (town["enterprises"], town["enterprises_covered"], town["members"]) == (4, 2, 3)
    assert town["at_least_100"] == {
        "total": 2,
        "with_union": 1,
        "without_union": 1,
        "rate": Decimal("50.0"),
    }
    assert town["at_least_25"]["total"] == 4 and town["at_least_25"]["with_union"] == 2
    assert town["staff_in_covered"] == 150
    assert town["membership_rate"] == Decimal("2.0")

    county = coverage_figures(staff.admin)
    assert (county["grassroots_unions"], county["enterprises"], county["members"]) == (3, 5, 4)


@pytest.mark.django_db
def test_coverage_page_shows_the_figures(client_for, tree, staff):
    factories.enterprise(tree.union_a1, tree.town_a, staff_count=100)
    page = client_for(staff.town_a).get("/staff/coverage/").content.decode()
    assert 'data-figure="enterprises_covered">1<' in page
    assert "95%" in page
