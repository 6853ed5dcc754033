import pytest
from django.core.exceptions import ValidationError

from gonghui.activities.models import Allocation, Kind, Pool, Registration, RegStatus
from gonghui.activities.services import registrations as activity_regs
from gonghui.activities.services.programmes import pool_for
from gonghui.activities.tests.helpers import batch, programme
from gonghui.points import services as points_services
from gonghui.points.models import Entry, EntryKind, Order, OrderStatus, Product
from gonghui.points.services import catalogue, ledger
from gonghui.points.tests.helpers import make_member, product, today, with_coins

pytestmark = pytest.mark.django_db


def test_redeeming_takes_the_coins_and_one_unit_and_issues_an_order_with_a_code(tree):
    member = make_member(tree.union_a1)
    with_coins(member, 8)
    cup = product(tree.county, stock=3, price=5)
    order = catalogue.redeem(member=member, product=cup, key="r1")
    assert order.status == OrderStatus.ISSUED and len(order.code) == 12
    assert Product.objects.get(pk=cup.pk).stock == 2
    assert points_services.balance(member)["coins"] == 3
    again = catalogue.redeem(member=member, product=cup, key="r1")  # a retried request
    assert again.pk == order.pk and Order.objects.count() == 1


def test_a_redemption_without_coins_is_refused_in_chinese_and_changes_nothing(tree):
    member = make_member(tree.union_a1)
    cup = product(tree.county, stock=3, price=5)
    with pytest.raises(ValidationError) as refused:
        catalogue.redeem(member=member, product=cup, key="r1")
    assert "乐巡币不足" in str(refused.value)
    assert Product.objects.get(pk=cup.pk).stock == 3
    assert not Order.objects.exists() and not Entry.objects.exists()


def test_per_member_limit_and_sold_out(tree):
    member, other = make_member(tree.union_a1), make_member(tree.union_a1)
    with_coins(member, 20)
    with_coins(other, 20)
    cup = product(tree.county, stock=1, price=5, limit=1)
    catalogue.redeem(member=member, product=cup, key="a")
    with pytest.raises(ValidationError) as refused:
        catalogue.redeem(member=member, product=cup, key="b")
    assert refused.value.code == "limit"
    with pytest.raises(ValidationError) as refused:
        catalogue.redeem(member=other, product=cup, key="c")
    assert refused.value.code == "sold_out"
    assert points_services.balance(other)["coins"] == 20


def test_refund_returns_coins_and_stock_and_a_second_refund_changes_nothing(tree, staff):
    member = make_member(tree.union_a1)
    with_coins(member, 5)
    cup = product(tree.county, stock=1, price=5)
    order = catalogue.redeem(member=member, product=cup, key="a")
    catalogue.order_refund(actor=staff.admin, order=order, reason="商品缺货")
    assert Product.objects.get(pk=cup.pk).stock == 1
    assert points_services.balance(member)["coins"] == 5
    with pytest.raises(ValidationError):
        catalogue.order_refund(actor=staff.admin, order=order, reason="再退")
    with pytest.raises(ValidationError):
        catalogue.order_use(actor=staff.admin, order=order)
    assert Entry.objects.filter(kind=EntryKind.REFUND).count() == 1


def test_used_and_expired_orders(tree, staff):
    member = make_member(tree.union_a1)
    with_coins(member, 10)
    cup = product(tree.county, stock=5, price=5, limit=2)
    used = catalogue.redeem(member=member, product=cup, key="a")
    catalogue.order_use(actor=staff.admin, order=catalogue.order_by_code(used.code.lower()))
    late = catalogue.redeem(member=member, product=cup, key="b")
    assert catalogue.orders_expire(today=late.valid_until) == 0
    assert (
        catalogue.orders_expire(today=late.valid_until.replace(year=late.valid_until.year + 1)) == 1
    )
    assert Order.objects.get(pk=used.pk).status == OrderStatus.USED
    assert Order.objects.get(pk=late.pk).status == OrderStatus.EXPIRED


def test_a_voucher_registers_the_member_in_the_voucher_pool_not_the_draw(tree, staff, switch_on):
    switch_on(tree.county, "activities")
    prog = programme(
        staff.admin,
        tree.county,
        kind=Kind.RECUPERATION,
        allocation=Allocation.DRAW,
        seed_source="上证指数收盘",
    )
    the_batch = batch(staff.admin, prog, places=10)
    trip = product(
        tree.county, kind="voucher", stock=2, price=5, batch=the_batch, name="楠溪江两日"
    )
    general = Pool.objects.get(batch=the_batch, org__isnull=True)
    assert (general.places, trip.pool.places, trip.pool.for_vouchers) == (8, 2, True)
    member, applicant = make_member(tree.union_a1), make_member(tree.union_a1)
    assert pool_for(the_batch, applicant).pk == general.pk  # applicants never land in it
    with_coins(member, 5)
    order = catalogue.redeem(member=member, product=trip, key="v")
    registration = Registration.objects.get(member=member)
    assert order.registration == registration
    assert (registration.status, registration.pool_id) == (RegStatus.CONFIRMED, trip.pool_id)
    activity_regs.registration_apply(actor=applicant.user, member=applicant, batch=the_batch)
    assert Registration.objects.get(member=applicant).status == RegStatus.APPLIED  # the draw
    catalogue.order_refund(actor=member.user, order=order)
    registration.refresh_from_db()
    assert registration.status == RegStatus.CANCELLED
    assert Pool.objects.get(pk=trip.pool_id).taken == 0
    assert Pool.objects.get(pk=trip.pool_id).places == 2  # the place waits for the next voucher


def test_a_mutual_aid_product_records_a_year_of_cover(tree):
    member = make_member(tree.union_a1)
    with_coins(member, 30)
    cover = product(tree.county, kind="mutual_aid", stock=5, price=30, name="职工意外险一年")
    order = catalogue.redeem(member=member, product=cover, key="m")
    assert order.status == OrderStatus.USED
    assert order.cover_from == today()
    assert (order.cover_until - order.cover_from).days in (364, 365)
    assert (
        ledger.balance(member)
        == ledger.balance_from_entries(member)
        == {
            "points": 0,
            "coins": 0,
        }
    )


def test_places_kept_for_vouchers_are_not_shown_to_applicants(tree, staff):
    from gonghui.activities.selectors import open_batches_for

    the_batch = batch(staff.admin, programme(staff.admin, tree.county), places=10)
    product(tree.county, kind="voucher", stock=4, price=5, batch=the_batch)
    member = make_member(tree.union_a1)
    (shown,) = open_batches_for(member)
    assert shown.places - shown.taken == 6


def test_a_voucher_whose_registration_was_cancelled_can_still_be_refunded(tree, staff):
    the_batch = batch(staff.admin, programme(staff.admin, tree.county), places=5)
    trip = product(tree.county, kind="voucher", stock=1, price=5, batch=the_batch)
    member = make_member(tree.union_a1)
    with_coins(member, 5)
    order = catalogue.redeem(member=member, product=trip, key="v")
    activity_regs.registration_cancel(actor=member.user, registration=order.registration)
    catalogue.order_refund(actor=member.user, order=order)
    assert points_services.balance(member)["coins"] == 5
    assert Product.objects.get(pk=trip.pk).stock == 1
    assert Pool.objects.get(pk=trip.pool_id).taken == 0
