"""Never oversold, never below zero, never twice: PostgreSQL, real threads (each its own
connection)."""

import pytest
from django.db import connection

from gonghui.claims.tests.test_concurrency import together
from gonghui.points import services as points_services
from gonghui.points.models import Entry, Order, Product
from gonghui.points.services import catalogue, ledger
from gonghui.points.tests.helpers import make_member, product, with_coins

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def test_thirty_concurrent_redemptions_of_ten_units_make_ten_orders(tree):
    cup = product(tree.county, stock=10, price=5)
    people = [make_member(tree.union_a1) for _ in range(30)]
    for person in people:
        with_coins(person, 5)
    results = together(
        *(
            lambda person=person: catalogue.redeem(member=person, product=cup, key=f"r:{person.pk}")
            for person in people
        )
    )
    assert sorted(outcome for outcome, _ in results) == ["ok"] * 10 + ["refused"] * 20
    assert Order.objects.filter(product=cup).count() == 10
    assert Product.objects.get(pk=cup.pk).stock == 0
    spent = [p for p in people if points_services.balance(p)["coins"] == 0]
    assert len(spent) == 10


def test_spending_the_whole_balance_twice_at_once_succeeds_once(tree):
    person = make_member(tree.union_a1)
    with_coins(person, 5)
    cup = product(tree.county, stock=10, price=5, name="杯")
    hat = product(tree.county, stock=10, price=5, name="帽")
    results = together(
        lambda: catalogue.redeem(member=person, product=cup, key="a"),
        lambda: catalogue.redeem(member=person, product=hat, key="b"),
    )
    assert sorted(outcome for outcome, _ in results) == ["ok", "refused"]
    assert points_services.balance(person)["coins"] == 0
    assert ledger.balance_from_entries(person)["coins"] == 0
    assert Order.objects.filter(member=person).count() == 1
    assert Product.objects.get(pk=cup.pk).stock + Product.objects.get(pk=hat.pk).stock == 19


def test_two_concurrent_earns_with_the_same_key_post_once(tree):
    person = make_member(tree.union_a1)
    results = together(
        *(
            lambda: points_services.earn(
                member=person, points=20, key="patrol:7:earn", reason="巡逻", source="patrol"
            )
            for _ in range(2)
        )
    )
    assert [outcome for outcome, _ in results] == ["ok", "ok"]
    assert results[0][1].pk == results[1][1].pk
    assert Entry.objects.filter(key="patrol:7:earn").count() == 1
    assert points_services.balance(person)["points"] == 20


def test_first_earns_of_a_new_member_at_once_all_count(tree):
    person = make_member(tree.union_a1)
    results = together(
        *(
            lambda n=n: points_services.earn(member=person, points=1, key=f"k{n}", reason="x")
            for n in range(8)
        )
    )
    assert all(outcome == "ok" for outcome, _ in results), results
    assert (
        ledger.balance(person)
        == ledger.balance_from_entries(person)
        == {
            "points": 8,
            "coins": 0,
        }
    )
