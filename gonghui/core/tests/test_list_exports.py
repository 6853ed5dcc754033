"""The one way a staff list becomes an Excel file (core.exports.list_export): bounded, written
row by row, refused from a URL carrying an ID number; the access log and the SMS outbox
exported as their pages show them; every staff list offers the button."""

import datetime
import io
import re

import pytest
from openpyxl import load_workbook

from gonghui.accounts import services as account_services
from gonghui.core import exports
from gonghui.core.audit import log_access
from gonghui.core.models import AccessLog
from gonghui.core.tests.xlsx import export_body, export_form, export_rows
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db

STAFF_LISTS = [
    "/staff/members/",
    "/staff/orgs/",
    "/staff/enterprises/",
    "/staff/access-log/",
    "/staff/outbox/",
    "/staff/claims/",
    "/staff/hardship/",
    "/staff/hardship/campaigns/",
    "/staff/hardship/pairs/",
    "/staff/medinsure/records/",
    "/staff/medinsure/notices/",
    "/staff/medinsure/recoveries/",
]


def test_constant_memory_export_workbook_keeps_types_and_formulas_as_text():
    book = exports.Workbook(constant_memory=True)
    sheet = book.sheet("名单")
    sheet.write_row(0, 0, ["=1+1", 12, datetime.date(2026, 12, 5), "张三"])
    sheet.write_row(1, 0, ["-2", None, "@SUM(1)", 3.5])
    handle = book.close_file()
    cells = [
        cell for row in load_workbook(io.BytesIO(handle.read())).active.iter_rows() for cell in row
    ]
    assert [cell.value for cell in cells if cell.value is not None][:2] == ["=1+1", 12]
    assert all(cell.data_type != "f" for cell in cells)
    assert {cell.value for cell in cells if cell.quotePrefix} == {"=1+1", "-2", "@SUM(1)"}
    assert cells[2].is_date


def test_export_beyond_the_limit_is_refused_with_a_message(tree, staff, client_for, settings):
    for name in ("甲", "乙", "丙"):
        member(tree.union_a1, name=name)
    settings.EXPORT_MAX_ROWS = 2
    response = client_for(staff.admin).post("/staff/members/", {"export": "xlsx"})
    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "该列表共 3 行，超过单次导出上限 2 行" in page
    assert not AccessLog.objects.exists()
    settings.EXPORT_MAX_ROWS = 3
    rows = export_rows(client_for(staff.admin).post("/staff/members/", {"export": "xlsx"}))
    assert len(rows) == 4


def test_export_from_a_url_carrying_an_id_number_is_not_run(tree, staff, client_for):
    person = member(tree.union_a1, name="张三")
    client = client_for(staff.admin)
    for url in (
        f"/staff/members/?export=xlsx&q={person.id_number}",
        f"/staff/outbox/?export=xlsx&mobile={person.id_number}",
        f"/staff/claims/?export=xlsx&q={person.id_number}",
    ):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert not AccessLog.objects.exists()


def test_export_button_on_a_get_page_never_carries_an_id_number(tree, staff, client_for):
    person = member(tree.union_a1, name="张三")
    client = client_for(staff.admin)
    page = client.get(f"/staff/enterprises/?q={person.id_number}&covered=yes").content.decode()
    form = export_form(page)
    assert 'method="get"' in form and 'name="covered" value="yes"' in form
    assert person.id_number not in form


def test_access_log_export_is_scoped_to_the_subtree_and_itself_logged(tree, staff, client_for, rf):
    a1, b1 = member(tree.union_a1, name="张三"), member(tree.union_b1, name="李四")
    for person in (a1, b1):
        request = rf.get("/staff/members/")
        request.user = staff.reviewer
        log_access(
            request=request,
            action=AccessLog.Action.VIEW_ID_NUMBER,
            subject=person,
            org=person.union,
        )
    rows = export_rows(client_for(staff.auditor).get("/staff/access-log/?export=xlsx"))
    assert rows[0] == ["时间", "人员", "岗位", "操作", "涉及人员", "组织", "IP 地址", "页面"]
    assert sorted(row[4] for row in rows[1:]) == ["张三", "李四"]
    assert {row[3] for row in rows[1:]} == {"查看完整身份证号"}
    export = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert export.user == staff.auditor and export.subject_label == "访问日志，2 行"
    # Union staff and town staff may not read the log, nor export it.
    assert client_for(staff.town_a).get("/staff/access-log/?export=xlsx").status_code == 403


def test_outbox_export_never_holds_a_sign_in_code(tree, staff, client_for, sms_sent):
    person = member(tree.union_a1, name="张三", mobile="13900001234")
    member(tree.union_b1, name="李四", mobile="13900005678")
    account_services.sms_code_request(mobile="13900001234")
    ((mobile, text),) = sms_sent
    code = re.search(r"\d{6}", text)[0]
    response = client_for(staff.town_a).get("/staff/outbox/?export=xlsx")
    rows = export_rows(client_for(staff.town_a).get("/staff/outbox/?export=xlsx"))
    assert rows[0][:3] == ["时间", "手机号", "会员"]
    assert [(row[1], row[2]) for row in rows[1:]] == [(person.mobile, "张三")]
    assert "******" in rows[1][4]
    body = export_body(response)
    assert mobile in body and code not in body
    assert not export_rows(client_for(staff.town_b).get("/staff/outbox/?export=xlsx"))[1:]


@pytest.mark.parametrize("url", STAFF_LISTS)
def test_every_staff_list_offers_an_export_button(url, staff, client_for):
    page = client_for(staff.admin).get(url).content.decode()
    assert 'name="export"' in page and "导出 Excel" in page, url


def test_payout_page_offers_an_export_of_its_batches(staff, client_for):
    page = client_for(staff.finance).get("/staff/claims/payouts/").content.decode()
    assert 'value="batches"' in page and "导出 Excel" in export_form(page, "batches")
