"""Issue 2's walk in real Chromium: union staff find a member by ID number; a member signs
in on a phone-sized screen with the SMS code from the outbox."""

import re

import pytest
from playwright.sync_api import expect

from gonghui.accounts.testing import sign_in_page, totp_device
from gonghui.core.tests.menu import follow_menu
from gonghui.notify.models import SmsMessage
from gonghui.notify.tests.sent import last_code
from gonghui.orgs.tests import factories


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_finds_member_by_id_number(live_server, desktop_page):
    tree = factories.build_tree()
    staff = factories.make_staff(tree)
    target = factories.member(tree.union_a1, name="程建国")
    factories.member(tree.union_a1, name="别的职工")
    totp_device(staff.union_a1)
    page = desktop_page
    sign_in_page(page, live_server.url, staff.union_a1, factories.PASSWORD)
    follow_menu(page, "会员与组织", "会员")
    page.get_by_placeholder("姓名（可加身份证后4位）、身份证号或手机号").fill(target.id_number)
    page.get_by_role("button", name="查询").click()
    rows = page.locator("tbody tr")
    # the click only starts the navigation: wait for the result page's rows
    expect(rows).to_have_count(1)
    assert "程建国" in rows.first.inner_text()
    assert target.id_number not in page.locator("table").inner_text()
    assert target.id_number not in page.url
    rows.first.get_by_role("link").click()
    page.get_by_role("link", name=re.compile("显示完整")).click()
    assert page.get_by_test_id("id-number").inner_text() == target.id_number


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_member_signs_in_on_a_phone_with_the_sms_code(live_server, phone_page):
    tree = factories.build_tree()
    factories.member(tree.union_a1, name="王秀英", mobile="13900000888")
    page = phone_page
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name=re.compile("会员登录")).click()
    page.get_by_label("手机号").fill("13900000888")
    page.get_by_role("button", name="获取短信验证码").click()
    assert SmsMessage.objects.get(mobile="13900000888").body.count("******") == 1
    page.get_by_label("验证码").fill(last_code("13900000888"))
    page.get_by_role("button", name="登录").click()
    assert "王秀英" in page.locator("body").inner_text()
    page.get_by_role("link", name=re.compile("我的会员信息")).click()
    assert "甲镇一厂工会" in page.locator("body").inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "the phone page must not scroll sideways"
