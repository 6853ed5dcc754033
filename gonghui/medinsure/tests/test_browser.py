"""Issue 5's walk in real Chromium: a settlement record arrives from the bureau, the member
gets the SMS, signs in on a phone-sized page with the SMS code from the outbox and taps
confirm. (Turning the confirmed notice into a paid claim is the claims integration's.)"""

import re

import pytest

from gonghui.medinsure.models import BenefitNotice, NoticeStatus
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import feed, stay
from gonghui.notify.models import SmsMessage


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_record_arrives_member_is_told_and_confirms_on_the_phone(
    live_server, phone_page, tree, periods
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
    # 6,820.50 × 60% = 4,092.30 → 4,092; 8 days × 30 = 240: 4,332.
    feed(tree.county, [stay(member, "SL1", "2022-03-02", "2022-03-10", "6,820.50")])

    sms = SmsMessage.objects.get(kind="benefit_notice")
    assert sms.mobile == "13900000888"
    assert "您有一笔职工医疗互助待领取，约 4,332 元" in sms.body

    page = phone_page
    page.goto(f"{live_server.url}/m/login/")
    page.get_by_label("手机号").fill("13900000888")
    page.get_by_role("button", name="获取短信验证码").click()
    code = re.search(r"\d{6}", SmsMessage.objects.get(kind="login_code").body).group()
    page.get_by_label("验证码").fill(code)
    page.get_by_role("button", name="登录").click()

    page.get_by_test_id("benefits-banner").click()
    page.locator("[data-notice]").first.click()
    assert page.locator('[data-figure="total"]').inner_text() == "4,332 元"
    assert page.get_by_test_id("card-on-file").inner_text().endswith("6222***********0123")
    page.get_by_role("button", name="确认银行卡并领取").click()
    assert "确认，工会将打款到您的银行卡" in page.get_by_test_id("confirmed").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    notice = BenefitNotice.objects.get()
    member.refresh_from_db()
    assert notice.status == NoticeStatus.CONFIRMED and notice.confirmed_by == member.user
