"""The acceptance walk in Chromium: a grid member files a wage-arrears case for 12 workers on a
360 px phone; it goes straight to the county (the SMS in the outbox); the county hands it to
the town 矛调中心, records the outcome, closes it and records the follow-up visit; the filer
sees every step by the case number."""

import pytest
from playwright.sync_api import expect

from gonghui.grid.models import Case
from gonghui.grid.tests.factories import DUTY_MOBILE
from gonghui.hardship.tests.test_browser import sign_in_staff
from gonghui.notify.models import SmsMessage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def step(page, name, fields=None, selects=None):
    for selector, value in (fields or {}).items():
        page.fill(selector, value)
    for selector, value in (selects or {}).items():
        page.select_option(selector, value)
    page.click(f"[data-step={name}]")


def test_wage_arrears_of_12_workers_from_the_phone_to_the_follow_up_visit(
    live_server, phone_page, desktop_page, g, staff
):
    phone = phone_page
    sign_in_staff(phone, live_server, g.user_a)
    phone.goto(f"{live_server.url}/staff/")
    phone.click("[data-testid=file-case]")
    phone.wait_for_url(f"{live_server.url}/staff/grid/new/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.select_option("#id_kind", "wage_arrears")
    phone.select_option("#id_severity", "high")
    phone.fill("#id_title", "拖欠工资两个月")
    phone.fill("#id_facts", "冲压车间12名职工10月、11月工资未发。")
    phone.fill("#id_workers", "袁小军 331004199001010011 13900001111\n王小明\n李小红")
    phone.fill("#id_people", "12")
    phone.fill("#id_amount", "86400")
    phone.click("[data-testid=submit-case]")
    expect(phone.locator("[data-testid=case-level]")).to_contain_text("县（区）总工会")
    case = Case.objects.get()
    assert case.people == 12 and case.level == "county" and case.parties.count() == 4
    sms = SmsMessage.objects.get(kind="grid_case")
    assert sms.mobile == DUTY_MOBILE and case.code in sms.body

    desk = desktop_page
    sign_in_staff(desk, live_server, staff.admin)
    desk.goto(f"{live_server.url}/staff/grid/cases/{case.pk}/")
    step(desk, "hand_over", {"#h-centre": "甲镇矛调中心", "#h-file": "登记表、职工名单、考勤记录"})
    expect(desk.locator("[data-testid=case-status]")).to_have_text("在矛调中心")
    step(desk, "outcome", {"#o-outcome": "矛调中心组织协商，企业同意分两期补发", "#o-recovered": "86400"},
         {"#o-settled": "yes"})  # fmt: skip
    expect(desk.locator("[data-testid=case-status]")).to_have_text("调解成功")
    step(desk, "close", {"#c-report": "工资已全部补发，结案。"})
    expect(desk.locator("[data-testid=case-status]")).to_have_text("已结案")
    step(desk, "follow_up", {"#v-note": "职工确认工资到账"}, {"#v-performed": "yes"})
    expect(desk.locator("[data-testid=events] li")).to_have_count(5)
    case.refresh_from_db()
    assert case.status == "closed" and case.follow_ups.get().performed
    assert str(case.recovered) == "86400.00"

    phone.goto(f"{live_server.url}/m/grid/track/?code={case.code}")
    phone.fill("#id_mobile", g.gm_a.member.mobile)
    phone.click("[data-testid=track]")
    steps = phone.locator("[data-testid=steps] .weui-cell")
    expect(steps).to_have_count(5)
    text = phone.inner_text("[data-testid=steps]")
    for word in ("登记", "移交矛调中心", "矛调中心处理结果", "结案", "回访"):
        assert word in text
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
