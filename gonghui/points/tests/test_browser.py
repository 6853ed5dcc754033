"""On a 360 px phone in Chromium: a member with patrol points converts them to coins and
redeems a recuperation voucher; the registration in the activities batch appears."""

import pytest
from playwright.sync_api import expect

from gonghui.activities.models import Kind, Registration, RegStatus
from gonghui.activities.tests.helpers import batch, programme
from gonghui.activities.tests.test_browser import signed_in
from gonghui.points import services as points_services
from gonghui.points.tests.helpers import make_member, product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_converts_and_redeems_a_recuperation_voucher_on_the_phone(
    live_server, phone_page, staff, tree, switch_on
):
    switch_on(tree.county, "points")
    switch_on(tree.county, "activities")
    trip = programme(staff.reviewer, tree.county, kind=Kind.RECUPERATION, title="楠溪江疗休养")
    the_batch = batch(staff.reviewer, trip, places=10, name="第1批")
    voucher = product(
        tree.county, kind="voucher", stock=2, price=3, batch=the_batch, name="楠溪江两日疗休养券"
    )
    me = make_member(tree.union_a1)
    points_services.earn(
        member=me, points=20, key="patrol:1:earn", reason="平安乐巡 工业区线", source="patrol"
    )
    points_services.earn(
        member=me, points=20, key="patrol:2:earn", reason="平安乐巡 工业区线", source="patrol"
    )

    page = phone_page
    signed_in(page, live_server, me.user)
    page.goto(f"{live_server.url}/m/points/")
    expect(page.get_by_test_id("points")).to_have_text("40")
    assert "平安乐巡 工业区线" in page.inner_text("[data-testid=entries]")
    page.fill("[data-testid=convert-points]", "40")
    page.click("[data-testid=convert]")
    expect(page.get_by_test_id("coins")).to_have_text("4")
    expect(page.get_by_test_id("points")).to_have_text("0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/points-home-360.png", full_page=True)

    page.click("[data-testid=shop-link]")
    expect(page.get_by_test_id(f"product-{voucher.pk}")).to_contain_text("楠溪江两日疗休养券")
    page.click(f"[data-testid=redeem-{voucher.pk}]")
    expect(page.get_by_test_id("registration")).to_contain_text("第1批")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/points-orders-360.png", full_page=True)
    registration = Registration.objects.get(member=me)
    assert registration.status == RegStatus.CONFIRMED and registration.pool_id == voucher.pool_id
    assert points_services.balance(me) == {"points": 0, "coins": 1}

    page.goto(f"{live_server.url}/m/activities/mine/")
    expect(page.get_by_test_id(f"status-{registration.pk}")).to_have_text("已确认")
