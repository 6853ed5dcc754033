import io

import pytest
from django.core.management import call_command

from gonghui.orgs.models import Member
from gonghui.points.models import Account, Entry, Order, Product
from gonghui.points.services import ledger

pytestmark = pytest.mark.django_db


def test_demo_has_a_month_of_patrol_points_and_a_shop_and_is_consistent():
    call_command("load_demo", stdout=io.StringIO())
    patrols = Entry.objects.filter(source="patrol", key__startswith="demo:patrol:")
    assert patrols.count() >= 80
    assert {p.kind for p in Product.objects.all()} == {"goods", "voucher", "mutual_aid"}
    assert Order.objects.filter(registration__isnull=False).exists()
    member = Member.objects.get(mobile="13900000001")
    held = ledger.balance(member)
    assert held["points"] >= 100 and held["coins"] >= 1
    for account in Account.objects.select_related("member"):
        assert ledger.balance_from_entries(account.member) == {
            "points": account.points,
            "coins": account.coins,
        }
    counts = (Entry.objects.count(), Order.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (Entry.objects.count(), Order.objects.count()) == counts
