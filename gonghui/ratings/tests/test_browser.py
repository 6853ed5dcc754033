"""The whole rating in Chromium at 1366 px: a grassroots union applies for 三型工会 with an
uploaded photo as evidence; the town pre-assesses; the county inspects and refuses one line
(the level drops and the trace says why) and names it; the title shows on the union's page
with its expiry."""

import datetime

import pytest
from playwright.sync_api import expect

from gonghui.core.tests.files import jpeg_bytes
from gonghui.hardship.tests.test_browser import sign_in_staff
from gonghui.ratings.models import Application, Title
from gonghui.ratings.tests.factories import ALL_ITEMS, make_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_union_applies_the_county_inspects_and_names_it(
    live_server, desktop_page, tree, staff, switch_on, tmp_path
):
    switch_on(tree.county, "ratings")
    programme = make_programme(staff, tree)
    photo = tmp_path / "职代会.jpg"
    photo.write_bytes(jpeg_bytes())
    page = desktop_page
    base = live_server.url

    sign_in_staff(page, live_server, staff.union_a1)
    page.goto(f"{base}/staff/ratings/programmes/{programme.pk}/")
    page.click("text=为本工会申报")
    page.wait_for_url(f"{base}/staff/ratings/programmes/{programme.pk}/apply/")
    for item, quantity in ALL_ITEMS:
        row = page.locator(f"tr[data-item='{item}']")
        row.locator("input[type=number]").fill(str(quantity))
        row.locator("input[type=date]").fill("2026-03-01")
    page.locator("tr[data-item='DEMOCRACY.CONGRESS'] input[type=file]").set_input_files(str(photo))
    page.click("text=提交申报")
    expect(page.locator("#self-level")).to_contain_text("模范型")
    application = Application.objects.get()
    assert application.lines.get(item="DEMOCRACY.CONGRESS").upload_name == "职代会.jpg"

    sign_in_staff(page, live_server, staff.town_a)
    page.goto(f"{base}/staff/ratings/applications/{application.pk}/")
    page.fill("#pre-note", "材料齐全")
    page.click("text=预审通过")
    expect(page.locator("#status")).to_have_text("镇街预审通过")

    sign_in_staff(page, live_server, staff.reviewer)
    page.goto(f"{base}/staff/ratings/applications/{application.pk}/")
    page.fill("#i-date", "2026-04-01")
    page.fill("#i-who", "王五、赵六")
    audit = page.locator("#inspect-form tr[data-line='6']")
    audit.locator("input[name='finding-6']").fill("未见经审会审查报告")
    audit.locator("input[type=checkbox]").check()
    audit.locator("input[name='reason-6']").fill("无经费审查记录")
    page.click("text=保存检查记录并评定")
    expect(page.locator("#level")).to_contain_text("规范型")
    trace = page.locator("#trace")
    expect(trace).to_contain_text("实地检查后，等级由模范型降为规范型")
    expect(trace).to_contain_text("无经费审查记录")

    sign_in_staff(page, live_server, staff.admin)
    page.goto(f"{base}/staff/ratings/applications/{application.pk}/")
    page.click("button:has-text('开始公示')")
    expect(page.locator("#status")).to_have_text("公示中")
    page.click("button:has-text('命名授牌')")
    expect(page.locator("#status")).to_have_text("已命名")
    title = Title.objects.get()
    assert title.level_name == "规范型"
    until = title.valid_until
    assert until == title.valid_from.replace(year=title.valid_from.year + 3) - datetime.timedelta(
        days=1
    )

    sign_in_staff(page, live_server, staff.union_a1)
    page.goto(f"{base}/staff/ratings/our-union/")
    titles = page.locator("#titles")
    expect(titles).to_contain_text("三型工会")
    expect(titles).to_contain_text("规范型")
    expect(titles).to_contain_text(until.strftime("%Y-%m-%d"))
