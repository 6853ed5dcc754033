"""The acceptance walk in Chromium: a member on a cheap phone files an inpatient claim with
four photos and sees the estimate; a reviewer returns it for the pathology report; the member
adds it and sends again; the reviewer approves; a second reviewer confirms the amount above
the threshold; finance pays the batch; the member's timeline says 已到账 and the outbox
holds every SMS. Staff sign in through the real pages, county roles with their TOTP code."""

import datetime
import io

import pytest
import time_machine
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from gonghui.accounts.models import Role
from gonghui.claims.models import Claim, ClaimStatus
from gonghui.claims.tests.factories import cheng_enrolled
from gonghui.core.tests.menu import follow_menu
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.notify.models import SmsMessage
from gonghui.orgs.tests.factories import PASSWORD, UserFactory


def jpeg(color) -> dict:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), color).save(buffer, "JPEG")
    return {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": buffer.getvalue()}


def staff_page(browser, live_server, user):
    """A desktop browser signed in through the login page and, for county roles, the
    second-factor page with the code of the user's authenticator."""
    device = TOTPDevice.objects.get(user=user)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.fill(
        "input[name=token]", f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    )
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/staff/")
    return page


def add_photo(page, kind, color):
    """Choose a photo from the album; the page sends it at once (upload.js)."""
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.locator(f'[data-slot="{kind}"] input[type=file]:not([capture])').set_input_files(
            jpeg(color)
        )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_claim_from_phone_to_bank(live_server, browser, phone_page, client, tree):
    with time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=True):
        cheng, _period = cheng_enrolled(tree)
        reviewers = [UserFactory(role=Role.COUNTY_REVIEWER, org=tree.county) for _ in range(2)]
        finance = UserFactory(role=Role.COUNTY_FINANCE, org=tree.county)
        # Every authenticator exists before the browsing starts: the in-memory test database
        # of SQLite does not let a write wait for the live server's readers.
        for user in (*reviewers, finance):
            TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        client.force_login(member_user(cheng))
        phone_page.context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        phone = phone_page

        # The member files on the phone.
        phone.goto(f"{live_server.url}/m/")
        phone.click("text=医疗互助报销")
        phone.click("a.weui-btn_primary:has-text('医疗互助报销')")
        phone.click("[data-type=inpatient]")
        phone.fill("#id_hospital", "台州医院")
        phone.fill("#id_admission", "2021-04-01")
        phone.fill("#id_discharge", "2021-04-13")
        phone.fill("#id_self_responsibility", "20000")
        phone.click("label[for=id_critical_1]")
        phone.fill("#id_diagnosis", "鼻咽癌")
        phone.fill("#id_first_diagnosed", "2021-04-02")
        phone.click("text=下一步：拍照上传材料")
        phone.wait_for_url("**/materials/")
        for kind, color in (
            ("id_card", (200, 210, 230)),
            ("discharge_summary", (230, 230, 210)),
            ("settlement_slip", (240, 220, 220)),
            ("diagnosis_certificate", (220, 240, 220)),
        ):
            add_photo(phone, kind, color)
            assert phone.locator(f'[data-slot="{kind}"] .cl-thumb img').count() == 1
        phone.click("text=下一步：签名确认")
        phone.locator("#signature-pad").scroll_into_view_if_needed()
        pad = phone.locator("#signature-pad").bounding_box()
        phone.mouse.move(pad["x"] + 30, pad["y"] + 120)
        phone.mouse.down()
        for step in range(1, 12):
            phone.mouse.move(pad["x"] + 30 + step * 25, pad["y"] + 120 - (step % 3) * 30)
        phone.mouse.up()
        phone.click("text=确认签名")
        assert phone.locator('[data-figure="estimate"]').inner_text() == "17,360 元"
        assert "病理报告" in phone.locator("[data-missing]").inner_text()
        phone.click("#submit-claim")
        assert phone.locator("[data-status]").inner_text() == "审核中"
        claim = Claim.objects.get(member=cheng)

        # The reviewer asks for the pathology report.
        desk = staff_page(browser, live_server, reviewers[0])
        follow_menu(desk, "互助保障", "报销审核")
        desk.click(f"[data-claim='{claim.reference}'] a")
        desk.wait_for_load_state("networkidle")
        assert desk.locator("[data-finding=MISSING_MATERIAL]").inner_text().endswith("病理报告")
        assert desk.locator("#doc-image").is_visible()
        desk.click("button[data-viewer=turn-right]")
        assert "rotate(90deg)" in desk.locator("#doc-image").get_attribute("style")
        desk.check("#act-return input[value=pathology_report]")
        desk.click("#return")
        assert desk.locator("[data-status]").get_attribute("data-status") == "returned"

        # The member adds it and sends again.
        phone.goto(f"{live_server.url}/m/claims/{claim.pk}/")
        assert "病理报告" in phone.locator("[data-request]").inner_text()
        phone.click("text=拍照上传材料")
        phone.wait_for_url("**/materials/")
        add_photo(phone, "pathology_report", (250, 230, 240))
        phone.goto(f"{live_server.url}/m/claims/{claim.pk}/")
        phone.click("#submit-claim")
        assert phone.locator("[data-status]").inner_text() == "审核中"

        # First approval, then a second reviewer confirms the amount above 10,000.
        desk.reload()
        desk.wait_for_load_state("networkidle")
        desk.click("#approve")
        assert (
            desk.locator("[data-status]").get_attribute("data-status") == "awaiting_second_approval"
        )
        second = staff_page(browser, live_server, reviewers[1])
        second.goto(f"{live_server.url}/staff/claims/{claim.pk}/")
        second.wait_for_load_state("networkidle")
        second.click("#second-approve")
        assert second.locator("[data-status]").get_attribute("data-status") == "approved"

        # Finance builds the batch, exports the transfer file and marks it paid.
        pay = staff_page(browser, live_server, finance)
        follow_menu(pay, "互助保障", "支付批次")
        pay.click("#build-batch")
        with pay.expect_download() as download:
            pay.click("#export")
        assert download.value.suggested_filename.endswith(".xlsx")
        pay.click("#mark-paid")
        assert "已支付" in pay.locator(f"[data-line='{claim.reference}']").inner_text()

        # The member sees the money arrived; every SMS is in the outbox.
        phone.goto(f"{live_server.url}/m/claims/{claim.pk}/")
        assert phone.locator("[data-status]").inner_text() == "已到账"
        assert phone.locator("#timeline li.now .what").inner_text() == "已到账"
        claim.refresh_from_db()
        assert claim.status == ClaimStatus.PAID
        kinds = list(
            SmsMessage.objects.filter(member=cheng).order_by("id").values_list("kind", flat=True)
        )
        assert kinds == [
            "claim_submitted",
            "claim_returned",
            "claim_submitted",
            "claim_approved",
            "claim_paid",
        ]
        for context in {desk.context, second.context, pay.context}:
            context.close()
