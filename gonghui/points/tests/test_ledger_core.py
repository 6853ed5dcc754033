import pytest

from gonghui.points import selectors
from gonghui.points import services as points_services
from gonghui.points.models import Entry
from gonghui.points.services import ledger
from gonghui.points.tests.helpers import make_member

pytestmark = pytest.mark.django_db


def test_earn_is_idempotent_on_its_key():
    member = make_member()
    first = points_services.earn(member=member, points=20, key="patrol:1:earn", reason="patrol")
    again = points_services.earn(member=member, points=20, key="patrol:1:earn", reason="patrol")
    assert first.pk == again.pk
    assert Entry.objects.filter(member=member).count() == 1
    assert points_services.balance(member) == {"points": 20, "coins": 0}
    assert list(selectors.entries_for_member(member)) == [first]


def test_balance_of_a_member_without_entries_is_zero():
    assert points_services.balance(make_member()) == {"points": 0, "coins": 0}


def test_balance_row_equals_the_sum_of_entries():
    member = make_member()
    points_services.earn(member=member, points=20, key="a", reason="x")
    points_services.earn(member=member, points=7, key="b", reason="x")
    assert (
        ledger.balance(member)
        == ledger.balance_from_entries(member)
        == {
            "points": 27,
            "coins": 0,
        }
    )
