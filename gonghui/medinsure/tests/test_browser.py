"""Issue 5's walk in real Chromium: a settlement record arrives from the bureau's system
through the push API, the member gets the SMS, signs in on a phone-sized page with the SMS
code from the outbox and taps confirm; the claim made from the record is approved straight
through, finance pays it in the next batch through the real pages, and the member's phone
says the money arrived."""

import json
import urllib.request

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts.models import Role
from gonghui.claims.models import Channel, ClaimStatus
from gonghui.claims.tests.test_browser import staff_page
from gonghui.core.tests.menu import follow_menu
from gonghui.medinsure import services
from gonghui.medinsure.models import BenefitNotice, NoticeStatus
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.notify.models import SmsMessage
from gonghui.notify.tests.sent import last_code
from gonghui.orgs.tests.factories import UserFactory


def push(live_server, key: str, record: dict) -> dict:
    request = urllib.request.Request(
        f"{live_server.url}/api/medinsure/settlements/push/",
        data=json.dumps(record).encode(),
        headers={"Authorization": f"Api-Key {key}", "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_record_arrives_member_confirms_on_the_phone_and_is_paid_in_the_next_batch(
    live_server, browser, phone_page, tree, periods
):
    member = person(
        tree.union_a1,
        "330522197510020014",
        "王建国",
        mobile="13900000888",
        bank_name="中国工商银行",
        bank_card="6222021234567890123",
    )
    enroll_renewed(periods, [member])
    admin = UserFactory(role=Role.COUNTY_ADMIN, org=tree.county)
    finance = UserFactory(role=Role.COUNTY_FINANCE, org=tree.county)
    # Every authenticator exists before the browsing starts (SQLite's in-memory test
    # database does not let a write wait for the live server's readers).
    TOTPDevice.objects.create(user=finance, name="phone", confirmed=True)
    _api_key, key = services.api_key_create(actor=admin, federation=tree.county, name="医保局")

    # The bureau's system pushes the settlement. 6,820.50 × 60% = 4,092.30 → 4,092;
    # 8 days × 30 = 240: 4,332.
    answer = push(
        live_server,
        key,
        {
            "serial": "SL1",
            "status": "正常",
            "id_number": "330522197510020014",
            "name": "王建国",
            "category": "住院",
            "hospital": "台州医院",
            "place": "本地",
            "admission": "2022-03-02",
            "discharge": "2022-03-10",
            "total_cost": "18,234.50",
            "self_responsibility": "6,820.50",
        },
    )
    assert answer["summary"]["benefits"] == 1 and answer["summary"]["amount"] == "4332.00"
    sms = SmsMessage.objects.get(kind="benefit_notice")
    assert sms.mobile == "13900000888"
    assert "您有一笔职工医疗互助待领取，约 4,332 元" in sms.body

    page = phone_page
    page.goto(f"{live_server.url}/m/login/")
    page.get_by_label("手机号").fill("13900000888")
    page.get_by_role("button", name="获取短信验证码").click()
    page.get_by_label("验证码").fill(last_code("13900000888"))
    page.get_by_role("button", name="登录").click()

    page.get_by_test_id("benefits-banner").click()
    page.locator("[data-notice]").first.click()
    assert page.locator('[data-figure="total"]').inner_text() == "4,332 元"
    assert page.get_by_test_id("card-on-file").inner_text().endswith("6222***********0123")
    page.get_by_role("button", name="确认银行卡并领取").click()
    assert "确认，工会将打款到您的银行卡" in page.get_by_test_id("confirmed").inner_text()
    status = page.get_by_test_id("claim-status")
    assert "审核通过" in status.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    notice = BenefitNotice.objects.select_related("claim").get()
    member.refresh_from_db()
    assert notice.status == NoticeStatus.CONFIRMED and notice.confirmed_by == member.user
    claim = notice.claim
    assert claim.channel == Channel.RECORD and claim.status == ClaimStatus.APPROVED
    assert claim.amount == 4332 and claim.first_approver is None

    # Finance pays the next batch through the real pages.
    desk = staff_page(browser, live_server, finance)
    follow_menu(desk, "互助保障", "支付批次")
    desk.click("#build-batch")
    with desk.expect_download() as download:
        desk.click("#export")
    assert download.value.suggested_filename.endswith(".xlsx")
    desk.click("#mark-paid")
    assert "已支付" in desk.locator(f"[data-line='{claim.reference}']").inner_text()
    desk.context.close()

    # The member's phone says the money arrived, from the benefit and on the claim.
    page.reload()
    assert "已到账" in page.get_by_test_id("claim-status").inner_text()
    status = page.get_by_test_id("claim-status")
    status.click()
    assert page.locator("[data-status]").inner_text() == "已到账"
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    kinds = list(
        SmsMessage.objects.filter(member=member).order_by("id").values_list("kind", flat=True)
    )
    assert kinds == ["benefit_notice", "login_code", "claim_approved", "claim_paid"]
