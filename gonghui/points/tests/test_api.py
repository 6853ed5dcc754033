"""Every page action in the JSON API: convert, redeem, refund (members); adjust, approve,
products, stock, hand over, refund, rates, figures (staff); writes stop while the service is
off; nobody sees another subtree's ledger."""

import pytest

from gonghui.points import services as points_services
from gonghui.points.models import Entry, Order, Product
from gonghui.points.tests.helpers import make_member, product, today, with_coins

pytestmark = pytest.mark.django_db


def test_member_converts_redeems_and_refunds_through_the_api(on, client_for):
    member = make_member(on.union_a1)
    points_services.earn(member=member, points=60, key="patrol:1:earn", reason="巡逻")
    cup = product(on.county, stock=2, price=5)
    client = client_for(member.user)
    assert client.get("/api/points/me/balance/").json() == {
        "points": 60,
        "coins": 0,
        "points_per_coin": 10,
    }
    bad = client.post("/api/points/me/entries/convert/", {"points": 15})
    assert bad.status_code == 400 and "整数倍" in str(bad.json())
    done = client.post("/api/points/me/entries/convert/", {"points": 50, "key": "k1"})
    assert done.status_code == 201 and done.json()["coins"] == 5
    again = client.post("/api/points/me/entries/convert/", {"points": 50, "key": "k1"})
    assert again.json()["id"] == done.json()["id"]  # a retry posts once
    assert points_services.balance(member) == {"points": 10, "coins": 5}
    order = client.post(f"/api/points/me/products/{cup.pk}/redeem/", {"key": "r1"})
    assert order.status_code == 201 and order.json()["status"] == "issued"
    poor = client.post(f"/api/points/me/products/{cup.pk}/redeem/", {"key": "r2"})
    assert poor.status_code == 400 and "乐巡币不足" in str(poor.json())
    refunded = client.post(f"/api/points/me/orders/{order.json()['id']}/refund/")
    assert refunded.json()["status"] == "refunded"
    assert points_services.balance(member)["coins"] == 5
    assert Product.objects.get(pk=cup.pk).stock == 2
    listed = client.get("/api/points/me/entries/").json()
    assert [row["kind"] for row in listed["results"]] == ["refund", "redeem", "convert", "earn"]


def test_switched_off_writes_are_refused_and_reads_stay(on, client_for, switch_on):
    member = make_member(on.union_a1)
    points_services.earn(member=member, points=20, key="e", reason="巡逻")
    switch_on(on.county, "points", enabled=False)
    client = client_for(member.user)
    assert client.get("/api/points/me/entries/").status_code == 200
    assert client.post("/api/points/me/entries/convert/", {"points": 20}).status_code == 403
    assert points_services.balance(member)["points"] == 20


def test_staff_adjust_with_four_eyes_manage_stock_and_hand_over(on, staff, client_for):
    member = make_member(on.union_a1)
    admin = client_for(staff.admin)
    no_reason = admin.post("/api/points/adjustments/", {"member": member.pk, "points": 5})
    assert no_reason.status_code == 400
    big = admin.post(
        "/api/points/adjustments/", {"member": member.pk, "points": 500, "reason": "年度表彰"}
    )
    assert big.status_code == 201 and big.json()["status"] == "pending"
    own = admin.post(f"/api/points/adjustments/{big.json()['id']}/approve/")
    assert own.status_code == 403
    ok = client_for(staff.finance).post(f"/api/points/adjustments/{big.json()['id']}/approve/")
    assert ok.json()["status"] == "applied"
    assert points_services.balance(member)["points"] == 500
    admin = client_for(staff.admin)  # one test client: signing in again switches user
    made = admin.post(
        "/api/points/products/",
        {
            "kind": "goods",
            "name": "雨伞",
            "price": 3,
            "stock": 1,
            "valid_from": today().isoformat(),
            "valid_until": today().isoformat(),
        },
    )
    assert made.status_code == 201, made.json()
    pk = made.json()["id"]
    assert admin.post(f"/api/points/products/{pk}/stock/", {"amount": 4}).json()["stock"] == 5
    assert admin.post(f"/api/points/products/{pk}/stock/", {"amount": -9}).status_code == 400
    with_coins(member, 3)
    order = client_for(member.user).post(f"/api/points/me/products/{pk}/redeem/")
    code = order.json()["code"]
    used = client_for(staff.town_a).post("/api/points/orders/use/", {"code": code})
    assert used.status_code == 403  # town staff do not hand over goods
    admin = client_for(staff.admin)
    used = admin.post("/api/points/orders/use/", {"code": code})
    assert used.status_code == 200 and used.json()["status"] == "used"
    figures = admin.get("/api/points/figures/").json()
    assert figures["points_issued"] == 30 and figures["points_adjusted"] == 500
    assert figures["coins_redeemed"] == 3 and figures["points_outstanding"] == 500


def test_nobody_sees_another_subtree_s_ledger_page_or_api(on, staff, client_for):
    member = make_member(on.union_a1)
    points_services.earn(member=member, points=20, key="e", reason="甲镇巡逻")
    other = client_for(staff.town_b)
    assert other.get("/api/points/entries/").json()["results"] == []
    page = other.get(f"/staff/points/ledger/?member={member.pk}")
    assert page.status_code == 404
    assert "甲镇巡逻" not in other.get("/staff/points/ledger/").content.decode()
    refused = other.post(
        "/api/points/adjustments/", {"member": member.pk, "points": 5, "reason": "x"}
    )
    # outside the subtree is not told apart from unknown: a 400 naming the field
    assert refused.status_code == 400 and "member" in refused.json()
    mine = client_for(staff.town_a).get(f"/staff/points/ledger/?member={member.pk}")
    assert "甲镇巡逻" in mine.content.decode()
    stranger = make_member(on.union_b1)
    assert client_for(stranger.user).get("/api/points/me/entries/").json()["results"] == []
    assert Entry.objects.count() == 1 and not Order.objects.exists()


def test_an_unknown_order_code_or_member_is_a_400_naming_the_field(on, staff, client_for):
    client = client_for(staff.union_a1)
    used = client.post("/api/points/orders/use/", {"code": "NOPE"}, "application/json")
    assert used.status_code == 400 and "code" in used.json()
    adjusted = client.post(
        "/api/points/adjustments/",
        {"member": 999999, "points": 5, "reason": "更正"},
        "application/json",
    )
    assert adjusted.status_code == 400 and "member" in adjusted.json()
