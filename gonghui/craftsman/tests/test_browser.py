"""The whole evaluation in Chromium: a worker applies on a 360 px phone with a contest result
(taken from the contest record) and an uploaded certificate, and sees the score and its trace;
the union and the town check it; an expert scores; the federation freezes the ranking and
starts the notice; the public notice shows the name; the certificate's QR opens the documents check page."""

import datetime

import pytest
from django.test import Client

from gonghui.core.tests.files import pdf_bytes
from gonghui.craftsman import services
from gonghui.craftsman.models import Application, Honour, Status
from gonghui.craftsman.tests.factories import YEAR, make_scheme, qr_in_pdf
from gonghui.hardship.tests.test_browser import sign_in_staff
from gonghui.notify.tests.sent import last_code
from gonghui.orgs.tests.factories import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_worker_applies_on_the_phone_and_is_named_after_review_ranking_and_notice(
    live_server, phone_page, desktop_page, tree, staff, switch_on, tmp_path
):
    switch_on(tree.county, "craftsman")
    scheme = make_scheme(staff, tree, quota=1)
    services.expert_add(actor=staff.admin, scheme=scheme, user=staff.reviewer)
    worker = member(tree.union_a1, name="陈匠心", mobile="13812340001")
    contest = services.contest_create(
        actor=staff.admin,
        name="路桥区模具工技能大赛",
        trade="模具工",
        level="city",
        date=datetime.date(YEAR, 4, 20),
        organiser="路桥区总工会",
    )
    services.result_record(
        actor=staff.admin,
        contest=contest,
        member=worker,
        rank=1,
        prize="一等奖",
        item="CONTEST.CITY_1",
        certificate="LQ-MJ-001",
    )
    certificate = tmp_path / "技师证书.pdf"
    certificate.write_bytes(pdf_bytes())

    phone = phone_page
    phone.goto(f"{live_server.url}/m/login/?next=/m/craftsman/")
    phone.fill("#id_mobile", worker.mobile)
    phone.click("button[value=send]")
    phone.fill("#id_code", last_code(worker.mobile))
    phone.click("button[value=verify]")
    phone.wait_for_url(f"{live_server.url}/m/craftsman/")
    phone.click(f"[data-testid=apply-{scheme.pk}]")
    assert "路桥区模具工技能大赛" in phone.inner_text("[data-testid=contest-result]")
    phone.fill("#id_service_years", "8")
    phone.select_option("#id_item_1", "CERT.L2")
    phone.fill("#id_date_1", f"{YEAR}-02-01")
    phone.fill("#id_ref_1", "JS-2026-88")
    phone.set_input_files("#id_upload_1", str(certificate))
    phone.check("#id_consent_notice")
    phone.click("[data-testid=submit-application]")
    phone.wait_for_selector("[data-testid=my-score]")
    assert phone.inner_text("[data-testid=my-score]").startswith("27")
    trace = phone.inner_text("[data-testid=trace]")
    assert f"市级竞赛一等奖（{YEAR}-04-20，证书 LQ-MJ-001）：15 分" in trace
    assert f"技师（二级）（{YEAR}-02-01，证书 JS-2026-88）：12 分" in trace
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    application = Application.objects.get()
    assert application.lines.get(number=1).contest_result.contest == contest
    assert application.lines.get(number=2).upload_name == "技师证书.pdf"

    desk = desktop_page
    detail = f"{live_server.url}/staff/craftsman/applications/{application.pk}/"
    for user in (staff.union_a1, staff.town_a):
        sign_in_staff(desk, live_server, user)
        desk.goto(detail)
        desk.click("[data-testid=step-check]")
        desk.wait_for_url(detail)
    application.refresh_from_db()
    assert application.status == Status.TOWN_CHECKED

    sign_in_staff(desk, live_server, staff.reviewer)
    desk.goto(detail)
    desk.fill("input[name=adjustment]", "1")
    desk.fill("input[name=comment]", "模具精度控制突出")
    desk.click("[data-testid=expert-score]")
    desk.wait_for_url(detail)
    assert "模具精度控制突出" in desk.inner_text("body")

    sign_in_staff(desk, live_server, staff.admin)
    desk.goto(f"{live_server.url}/staff/craftsman/schemes/{scheme.pk}/")
    desk.click("[data-testid=freeze-ranking]")
    desk.wait_for_selector("[data-testid=ranking]")
    assert "陈匠心" in desk.inner_text("[data-testid=ranking]")
    desk.click("[data-testid=start-notice]")
    desk.wait_for_selector("text=公示中")

    public = Client()
    desk.context.clear_cookies()
    desk.goto(f"{live_server.url}/craftsman/notice/{scheme.pk}/")
    assert "陈匠心" in desk.inner_text("[data-testid=notice]")

    scheme.refresh_from_db()
    services.scheme_name(
        actor=staff.admin,
        scheme=scheme,
        today=scheme.notice_ends + datetime.timedelta(days=1),
        base_url=live_server.url,
    )
    honour = Honour.objects.select_related("certificate").get(member=worker)
    phone.goto(f"{live_server.url}/m/craftsman/")
    href = phone.get_attribute("[data-testid=certificate]", "href")
    pdf = phone.request.get(f"{live_server.url}{href}")
    # The QR read from the rendered page, as a phone camera would.
    verify_url = qr_in_pdf(pdf.body(), tmp_path)
    assert verify_url == f"{live_server.url}/v/{honour.certificate.code}/"
    phone.goto(verify_url)
    assert phone.locator("[data-verdict=genuine]").inner_text() == "该文件真实有效"
    body = phone.locator("body").inner_text()
    assert "陈*心" in body and "陈匠心" not in body and f"{YEAR}年度工匠荣誉证书" in body
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert public.get(f"/v/{honour.certificate.code}/").status_code == 200
