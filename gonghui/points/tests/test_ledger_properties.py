"""The ledger's invariant over generated sequences (hypothesis): whatever earn, convert,
redeem, refund, expire and adjust do, in any order and amount, each member's balance equals
the sum of their entries and is never below zero; refused steps change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gonghui.points import services as points_services
from gonghui.points.models import Entry, Order
from gonghui.points.services import adjust, catalogue, conversion, expiry, ledger
from gonghui.points.tests.helpers import make_member, product

BOUNDED = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
WHO = st.integers(min_value=0, max_value=1)
STEP = st.one_of(
    st.tuples(st.just("earn"), WHO, st.integers(min_value=1, max_value=60)),
    st.tuples(st.just("convert"), WHO, st.integers(min_value=1, max_value=6)),
    st.tuples(st.just("redeem"), WHO, st.integers(min_value=0, max_value=1)),
    st.tuples(st.just("refund"), WHO, st.integers(min_value=0, max_value=3)),
    st.tuples(st.just("expire"), WHO, st.integers(min_value=0, max_value=900)),
    st.tuples(st.just("adjust"), WHO, st.integers(min_value=-150, max_value=150)),
)


def _check(members):
    for member in members:
        held = ledger.balance(member)
        assert held == ledger.balance_from_entries(member)
        assert held["points"] >= 0 and held["coins"] >= 0


@pytest.mark.django_db
@BOUNDED
@given(steps=st.lists(STEP, min_size=1, max_size=25))
def test_every_balance_is_the_sum_of_its_entries_and_never_negative(tree, staff, steps):
    with transaction.atomic():
        members = [make_member(tree.union_a1), make_member(tree.union_a1)]
        goods = [
            product(tree.county, stock=3, price=2, limit=5, name="杯"),
            product(tree.county, stock=1, price=7, limit=5, name="伞"),
        ]
        today = timezone.localdate()
        for number, (action, who, amount) in enumerate(steps):
            member = members[who]
            before = Entry.objects.count()
            try:
                if action == "earn":
                    points_services.earn(member=member, points=amount, key=f"e{number}", reason="x")
                elif action == "convert":
                    conversion.convert(member=member, points=amount * 10, key=f"c{number}")
                elif action == "redeem":
                    catalogue.redeem(member=member, product=goods[amount], key=f"r{number}")
                elif action == "refund":
                    orders = list(Order.objects.filter(member=member).order_by("id"))
                    if orders:
                        order = orders[amount % len(orders)]
                        catalogue.order_refund(actor=member.user, order=order)
                elif action == "expire":
                    expiry.expire_due(today=today + datetime.timedelta(days=amount))
                else:
                    made = adjust.adjust_request(
                        actor=staff.admin, member=member, points=amount, reason="更正"
                    )
                    if made.status == "pending":
                        adjust.adjust_decide(actor=staff.finance, adjustment=made, approve=True)
            except (ValidationError, PermissionDenied):
                assert Entry.objects.count() == before  # refused: nothing written
            _check(members)
        transaction.set_rollback(True)
