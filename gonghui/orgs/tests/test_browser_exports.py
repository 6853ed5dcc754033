"""In real Chromium: a clerk searches the member list by name plus the ID number's last four,
exports it, and gets the page's rows in a Chinese-named Excel file, the search never in a
URL; a staff member whose password was reset must change it before anything else."""

import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from gonghui.accounts import services as account_services
from gonghui.accounts.testing import sign_in_page, totp_device
from gonghui.core.tests.menu import follow_menu
from gonghui.orgs.tests import factories


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_clerk_exports_the_searched_member_list_from_the_browser(live_server, desktop_page):
    tree = factories.build_tree()
    staff = factories.make_staff(tree)
    target = factories.member(tree.union_a1, name="程建国")
    factories.member(tree.union_a1, name="程建华")
    totp_device(staff.union_a1)
    page = desktop_page
    sign_in_page(page, live_server.url, staff.union_a1, factories.PASSWORD)
    follow_menu(page, "会员与组织", "会员")
    page.get_by_placeholder("姓名（可加身份证后4位）、身份证号或手机号").fill(
        f"程建国 {target.id_number[-4:]}"
    )
    page.get_by_role("button", name="查询").click()
    # the click only starts the navigation: wait for the result page's rows
    expect(page.locator("tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("button", name="导出 Excel").click()
    file = download.value
    assert file.suggested_filename == f"会员名单-{timezone.localdate():%Y-%m-%d}.xlsx"
    with open(file.path(), "rb") as handle:  # no extension: openpyxl wants a file object
        sheet = load_workbook(handle).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "姓名" and [row[0] for row in rows[1:]] == ["程建国"]
    assert rows[1][1] == target.id_number[:6] + "********" + target.id_number[-4:]
    assert target.id_number[-4:] not in page.url and "export" not in page.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_staff_with_a_reset_password_choose_their_own_first(live_server, desktop_page):
    tree = factories.build_tree()
    staff = factories.make_staff(tree)
    temporary = account_services.password_reset(actor=staff.town_a, user=staff.union_a1)
    totp_device(staff.union_a1)
    page = desktop_page
    sign_in_page(page, live_server.url, staff.union_a1, temporary)
    assert page.url.endswith("/accounts/password/")
    assert page.get_by_test_id("must-change").is_visible()
    page.goto(f"{live_server.url}/staff/members/")
    assert page.url.endswith("/accounts/password/")
    page.get_by_label("临时密码").fill(temporary)
    page.get_by_label("新密码", exact=True).fill("Qiang-Gonghui-Mima-7")
    page.get_by_label("再次输入新密码").fill("Qiang-Gonghui-Mima-7")
    page.get_by_role("button", name="保存新密码").click()
    page.wait_for_url(re.compile(r"/staff/$"))
    expect(page.get_by_text("密码已修改。")).to_be_visible()
    follow_menu(page, "会员与组织", "会员")
    assert page.url.endswith("/staff/members/")
