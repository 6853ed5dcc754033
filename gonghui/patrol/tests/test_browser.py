"""The whole path in Chromium on a 360 px phone with a faked position: the member sorts the
slots by where they are, grabs one, agrees to positions at checkpoints, starts at the first
checkpoint, passes the second, is refused at the third from the other side of town, finishes
there; staff approve in the review queue; the 20 points appear on the member's patrol page and
on the ledger's own page (积分明细)."""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from gonghui.accounts.testing import sign_in
from gonghui.patrol.models import Patrol, Status
from gonghui.patrol.tests.helpers import FAR, members_with_users, route, slot
from gonghui.points import services as points_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, user):
    client = sign_in(Client(), user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def position(context, checkpoint_or_pair):
    lat, lng = (
        checkpoint_or_pair
        if isinstance(checkpoint_or_pair, tuple)
        else (checkpoint_or_pair.lat, checkpoint_or_pair.lng)
    )
    context.set_geolocation({"latitude": float(lat), "longitude": float(lng), "accuracy": 12})


def test_grab_walk_finish_approve_and_the_points_appear(
    live_server, browser, desktop_page, staff, tree, switch_on
):
    switch_on(tree.county, "patrol")
    switch_on(tree.county, "points")
    the_route = route(staff.town_a, tree.town_a)
    the_slot = slot(the_route, hours_ahead=0, minutes=120)
    the_slot.starts_at += datetime.timedelta(minutes=10)
    the_slot.ends_at += datetime.timedelta(minutes=10)
    the_slot.save()
    (me,) = members_with_users(tree.union_a1, 1)
    first, middle, last = the_route.checkpoints.order_by("position")

    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
        permissions=["geolocation"],
    )
    page = context.new_page()
    position(context, first)
    signed_in(page, live_server, me.user)
    page.goto(f"{live_server.url}/m/patrol/")
    page.click("[data-testid=near]")
    expect(page.locator("[data-testid=distance]")).to_have_text("距您 0 米")
    page.click(f"[data-testid=grab-{the_slot.pk}]")
    expect(page.locator("[data-testid=status]")).to_have_text("已抢单")
    patrol = Patrol.objects.get(member=me)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.check("[data-testid=agree]")
    page.click("[data-testid=start]")
    expect(page.locator("[data-testid=status]")).to_have_text("巡逻中")
    position(context, middle)
    page.click("[data-testid=pass]")
    expect(page.locator("[data-testid=cp-2] .bi-check-circle-fill")).to_have_count(1)
    # From the other side of town the last checkpoint is refused, nothing recorded.
    position(context, FAR)
    page.click("[data-testid=finish]")
    expect(page.locator(".portal-message_error")).to_contain_text("公里")
    assert Patrol.objects.get(pk=patrol.pk).status == Status.STARTED
    position(context, last)
    page.click("[data-testid=finish]")
    expect(page.locator("[data-testid=status]")).to_have_text("待审核")
    # Only the duration is short (the test walks in seconds): no checkpoint is missed.
    expect(page.locator("[data-testid=reason]")).to_have_count(1)
    expect(page.locator("[data-testid=reason]")).to_contain_text("不足预计时长")
    page.screenshot(path="/tmp/patrol-finished-360.png", full_page=True)
    patrol.refresh_from_db()
    assert [p.accuracy for p in patrol.passes.order_by("checkpoint__position")] == [12, 12, 12]

    staff_page = desktop_page
    signed_in(staff_page, live_server, staff.town_a)
    staff_page.goto(f"{live_server.url}/staff/patrol/review/")
    expect(staff_page.locator(f"[data-testid=row-{patrol.pk}]")).to_contain_text(me.name)
    staff_page.click(f"[data-testid=approve-{patrol.pk}]")
    expect(staff_page.locator(f"[data-testid=row-{patrol.pk}]")).to_have_count(0)

    page.goto(f"{live_server.url}/m/patrol/mine/")
    expect(page.locator("[data-testid=balance]")).to_contain_text("20")
    expect(page.locator(f"[data-testid=status-{patrol.pk}]")).to_have_text("审核通过")
    assert points_services.balance(me) == {"points": 20, "coins": 0}
    # The ledger's own member page (积分明细) shows them with the patrol as the reason.
    page.click("[data-testid=balance] a")
    expect(page.locator("[data-testid=points]")).to_have_text("20")
    expect(page.locator("[data-testid=entries]")).to_contain_text(patrol.reference)
    context.close()
