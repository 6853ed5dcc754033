"""The March campaign in Chromium: staff open it, the union confirms its enterprise, sends the
要约书 (the PDF names the enterprise), records the reply and the signed contract, files it;
15 days later (the clock advanced, the scheduler's job run) the contract is effective and the
coverage figure moves."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from gonghui.accounts.testing import sign_in
from gonghui.contracts.tasks import contracts_take_effect
from gonghui.contracts.tests.helpers import firm
from gonghui.contracts.tests.test_campaign import pdf_text

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


def test_campaign_request_reply_contract_filing_and_coverage(
    live_server, desktop_page, staff, tree, switch_on
):
    switch_on(tree.county, "contracts")
    firm(tree.union_a1, tree.town_a, 120, name="甲一机械有限公司")
    page, url = desktop_page, live_server.url
    with time_machine.travel(datetime.datetime(2025, 3, 3, 2, 0), tick=True) as clock:
        signed_in(page, live_server, staff.admin)
        page.goto(f"{url}/staff/contracts/campaigns/")
        page.get_by_test_id("open-campaign").click()
        expect(page.get_by_test_id("targets")).to_contain_text("甲一机械有限公司")

        signed_in(page, live_server, staff.union_a1)
        page.goto(f"{url}/staff/contracts/campaigns/")
        page.get_by_role("link", name="2025年要约行动").click()
        page.get_by_role("link", name="甲一机械有限公司").click()
        page.get_by_test_id("confirm").click()
        page.fill("input[name=chair]", "张主席")
        page.get_by_test_id("send").click()
        letter = page.get_by_test_id("letter")
        expect(letter).to_have_count(1, timeout=30_000)  # the PDF is rendered with its font
        answer = page.request.get(url + letter.get_attribute("href"))
        assert answer.headers["content-type"] == "application/pdf"
        text = pdf_text(answer.body())
        assert "甲一机械有限公司" in text and "张主席" in text

        page.select_option("select[name=reply]", "agreed")
        page.get_by_test_id("record-reply").click()
        expect(page.get_by_test_id("reply")).to_contain_text("同意协商")
        form = page.get_by_test_id("contract-form")
        form.locator("input[name=starts_on]").fill("2025-04-01")
        form.locator("input[name=ends_on]").fill("2026-03-31")
        form.locator("input[name=adjustment_pct]").fill("6.5")
        form.get_by_test_id("save-contract").click()
        expect(page.get_by_test_id("contract-status")).to_have_text("已签订，待备案")
        page.get_by_test_id("file").click()
        expect(page.get_by_test_id("contract-status")).to_have_text("已备案，审查期内")
        detail = page.url

        page.goto(f"{url}/staff/contracts/")
        expect(page.get_by_test_id("covered-enterprises")).to_have_text("0")

        clock.shift(datetime.timedelta(days=15))
        assert contracts_take_effect.call() == 1
        signed_in(page, live_server, staff.union_a1)  # the old session ran out meanwhile
        page.goto(detail)
        expect(page.get_by_test_id("contract-status")).to_have_text("已生效")
        page.goto(f"{url}/staff/contracts/")
        expect(page.get_by_test_id("covered-enterprises")).to_have_text("0")  # starts 1 April
        clock.shift(datetime.timedelta(days=15))
        signed_in(page, live_server, staff.union_a1)
        page.goto(f"{url}/staff/contracts/")
        expect(page.get_by_test_id("covered-enterprises")).to_have_text("1")
        expect(page.get_by_test_id("covered-workers")).to_have_text("120")
