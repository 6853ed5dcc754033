"""The whole flow in Chromium: a worker signs in on the phone with an SMS code and applies;
union, town and county staff take the file through review, home visit, public notice and
approval; a campaign picks it up and pays; the figures count it; the worker sees it all."""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts import roles
from gonghui.hardship.models import AidRecord, Campaign, HardshipFile, Status, Tier
from gonghui.hardship.tests.factories import set_standard
from gonghui.notify.tests.sent import last_code
from gonghui.orgs.tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_staff(page, live_server, user):
    """Staff sign in as the conftest client does: a session made on the server, with the
    second factor already passed for county roles, handed to the browser as its cookie."""
    client = Client()
    client.force_login(user)
    if roles.needs_second_factor(user):
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="browser", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
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


def take_step(page, live_server, file, step, fields=None):
    page.goto(f"{live_server.url}/staff/hardship/files/{file.pk}/")
    page.click(f"[data-step={step}]")
    for selector, value in (fields or {}).items():
        page.fill(selector, value)
    page.click("[data-testid=confirm-step]")
    page.wait_for_url(f"{live_server.url}/staff/hardship/files/{file.pk}/")


def test_hardship_worker_applies_on_the_phone_and_staff_take_it_to_a_paid_campaign(
    live_server, phone_page, desktop_page, tree, staff
):
    set_standard(staff, tree, Decimal("1000"))
    worker = member(tree.union_a1, name="王建国", mobile="13812345678")
    today = timezone.localdate()

    # The worker signs in on the phone with the SMS code and applies.
    phone = phone_page
    phone.goto(f"{live_server.url}/m/login/?next=/m/hardship/")
    phone.fill("#id_mobile", worker.mobile)
    phone.click("button[value=send]")
    phone.fill("#id_code", last_code(worker.mobile))
    phone.click("button[value=verify]")
    phone.wait_for_url(f"{live_server.url}/m/hardship/")
    phone.click("[data-testid=apply]")
    phone.select_option("#id_main_cause", "illness")
    phone.fill("#id_household_size", "3")
    phone.fill("#id_annual_income", "36000")
    phone.fill("#id_spending_illness", "12000")
    phone.fill("#id_statement", "妻子尿毒症，每周透析三次，孩子读初中。")
    # What the notice will publish is shown; without ticking "I agree" nothing is sent.
    assert "姓名：王*国" in phone.locator("[data-testid=consent-text]").inner_text()
    phone.click("[data-testid=submit-application]")
    assert "未同意公示内容" in phone.content()
    assert not HardshipFile.objects.filter(member=worker).exists()
    phone.check("#id_consent_agreed")
    phone.click("[data-testid=submit-application]")
    phone.wait_for_url(f"{live_server.url}/m/hardship/progress/")
    file = HardshipFile.objects.get(member=worker)
    assert (file.status, file.suggested_tier) == (Status.APPLIED, Tier.DEEP)
    assert phone.locator("[data-testid=timeline] li").count() == 1

    # Union staff: first review (confirming the suggested tier) and the home visit.
    desk = desktop_page
    sign_in_staff(desk, live_server, staff.union_a1)
    desk.goto(f"{live_server.url}/staff/hardship/")
    desk.click(f"text={worker.name}")
    assert "666.67" in desk.locator("[data-testid=suggestion]").inner_text()
    take_step(desk, live_server, file, "union_review")
    take_step(
        desk,
        live_server,
        file,
        "record_visit",
        {"#id_visitors": "张主席、李干事", "#id_findings": "爱人卧床，家中陈设简陋。"},
    )

    # Town staff: verification and the public notice (ended yesterday, no objection).
    sign_in_staff(desk, live_server, staff.town_a)
    take_step(desk, live_server, file, "town_verify")
    take_step(
        desk,
        live_server,
        file,
        "start_notice",
        {
            "#id_starts_on": (today - datetime.timedelta(days=7)).isoformat(),
            "#id_ends_on": (today - datetime.timedelta(days=1)).isoformat(),
            "#id_place": "厂区公示栏",
        },
    )

    # County reviewer (second factor passed): approval.
    sign_in_staff(desk, live_server, staff.reviewer)
    take_step(desk, live_server, file, "approve")
    file.refresh_from_db()
    assert (file.status, file.tier) == (Status.ACTIVE, Tier.DEEP)
    assert desk.locator("[data-testid=file-status] [data-status=active]").count() == 1

    # A campaign picks the file up by its rule and pays it.
    desk.goto(f"{live_server.url}/staff/hardship/campaigns/new/")
    desk.fill("#id_name", "两节送温暖")
    desk.select_option("#id_kind", "spring_festival")
    desk.fill("#id_budget", "10000")
    desk.select_option("#id_aid_type", "visit")
    desk.fill("#id_default_amount", "2000")
    desk.check("input[name=rule_tiers][value=deep]")
    desk.click("button[type=submit]")
    desk.wait_for_url(re.compile(r".*/staff/hardship/campaigns/\d+/$"))
    desk.click("[data-testid=select-by-rule]")
    desk.click(f"[data-testid=pay-{file.member_id}]")
    desk.wait_for_selector("[data-testid=sentence]")
    campaign = Campaign.objects.get()
    record = AidRecord.objects.get(file=file)
    assert (record.campaign, record.amount) == (campaign, Decimal("2000.00"))
    assert "2,000" in desk.inner_text("[data-testid=spent]")

    # The figures page counts it.
    desk.goto(f"{live_server.url}/staff/hardship/figures/")
    assert desk.inner_text("[data-figure=active]") == "1"
    assert desk.inner_text("[data-figure=tier-deep] td:last-child") == "1"
    assert "2,000" in desk.inner_text("[data-testid=campaigns]")

    # The worker follows it all on the phone.
    phone.goto(f"{live_server.url}/m/hardship/progress/")
    assert phone.locator("[data-testid=timeline] li").count() == 6
    phone.goto(f"{live_server.url}/m/hardship/aid/")
    assert "2,000" in phone.inner_text("[data-testid=aid-total]")
