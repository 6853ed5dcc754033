"""The member's phone pages and the staff pages: what they show and what their forms do."""

import pytest

from gonghui.points import services as points_services
from gonghui.points.models import Adjustment, Order, Product
from gonghui.points.tests.helpers import make_member, product, with_coins

pytestmark = pytest.mark.django_db


def test_member_sees_balance_and_entries_and_converts_on_the_phone(on, client_for):
    member = make_member(on.union_a1)
    points_services.earn(member=member, points=20, key="patrol:9:earn", reason="平安乐巡 工业区线")
    client = client_for(member.user)
    page = client.get("/m/points/").content.decode()
    assert "积分明细" in page and "平安乐巡 工业区线" in page and "+20" in page
    answer = client.post("/m/points/convert/", {"points": "20", "key": "abc"}, follow=True)
    assert "兑换成功" in answer.content.decode()
    client.post("/m/points/convert/", {"points": "20", "key": "abc"})  # a double submit
    assert points_services.balance(member) == {"points": 0, "coins": 2}


def test_a_redemption_without_coins_shows_why_and_changes_nothing(on, client_for):
    member = make_member(on.union_a1)
    cup = product(on.county, stock=3, price=5, name="保温杯")
    client = client_for(member.user)
    assert "保温杯" in client.get("/m/points/shop/").content.decode()
    answer = client.post(f"/m/points/shop/{cup.pk}/redeem/", {"key": "x"}, follow=True)
    assert "乐巡币不足：您有 0 枚，兑换需要 5 枚。" in answer.content.decode()
    assert Product.objects.get(pk=cup.pk).stock == 3 and not Order.objects.exists()


def test_member_redeems_and_sees_the_order_code(on, client_for):
    member = make_member(on.union_a1)
    with_coins(member, 5)
    cup = product(on.county, stock=3, price=5)
    client = client_for(member.user)
    answer = client.post(f"/m/points/shop/{cup.pk}/redeem/", {"key": "x"}, follow=True)
    order = Order.objects.get(member=member)
    page = answer.content.decode()
    assert order.code in page and "<svg" in page and "待使用" in page


def test_staff_search_a_member_and_post_a_small_and_a_large_correction(on, staff, client_for):
    member = make_member(on.union_a1, name="陈巡逻")
    client = client_for(staff.town_a)
    found = client.get("/staff/points/ledger/", {"q": "陈巡"}).content.decode()
    assert "陈巡逻" in found
    client.post(
        f"/staff/points/ledger/{member.pk}/adjust/", {"points": 20, "coins": 0, "reason": "补记"}
    )
    assert points_services.balance(member)["points"] == 20
    answer = client.post(
        f"/staff/points/ledger/{member.pk}/adjust/",
        {"points": 300, "coins": 0, "reason": "表彰"},
        follow=True,
    )
    assert "须由另一位工作人员复核" in answer.content.decode()
    pending = Adjustment.objects.get(status="pending")
    client_for(staff.finance).post(f"/staff/points/adjustments/{pending.pk}/approve/")
    assert points_services.balance(member)["points"] == 320


def test_staff_pages_show_figures_catalogue_orders_and_export(on, staff, client_for):
    member = make_member(on.union_a1)
    with_coins(member, 5)
    cup = product(on.county, stock=3, price=5, name="保温杯")
    from gonghui.points.services import catalogue

    catalogue.redeem(member=member, product=cup, key="k")
    client = client_for(staff.admin)
    home = client.get("/staff/points/").content.decode()
    assert "发放积分" in home and "保温杯" in home
    assert "保温杯" in client.get("/staff/points/products/").content.decode()
    assert member.name in client.get("/staff/points/orders/").content.decode()
    sheet = client.get("/staff/points/orders/", {"export": "xlsx"})
    assert sheet.status_code == 200 and sheet["Content-Type"].startswith("application/vnd")
    order = Order.objects.get()
    client.post("/staff/points/orders/use/", {"code": order.code})
    assert Order.objects.get().status == "used"


def test_member_pages_refuse_writes_when_switched_off(on, client_for, switch_on):
    member = make_member(on.union_a1)
    points_services.earn(member=member, points=20, key="e", reason="巡逻")
    switch_on(on.county, "points", enabled=False)
    client = client_for(member.user)
    assert client.get("/m/points/").status_code == 200
    assert client.post("/m/points/convert/", {"points": "20"}).status_code == 403
    assert points_services.balance(member)["points"] == 20
