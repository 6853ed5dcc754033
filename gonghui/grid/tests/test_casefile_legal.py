"""The hardship file opened in one step, health checks and their bad input, the Excel export
and the dashboard's drill-down, the member's home tile, and bad input on the case page."""

import datetime
import io

import openpyxl
import pytest

from gonghui.accounts.models import User
from gonghui.grid.models import HealthCheck, Kind, PartyRole
from gonghui.grid.services import cases
from gonghui.grid.tests.factories import file_case
from gonghui.hardship.models import HardshipFile
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db


def test_a_hardship_case_opens_a_prefilled_hardship_file_in_one_step(g, tree, staff, client_for):
    worker = member(tree.union_a1, name="困难职工", enterprise=g.factory_a)
    case = file_case(g.user_a, g, kind=Kind.HARDSHIP, parties=[
        {"role": "worker", "name": "困难职工"}, {"role": "enterprise", "name": "甲镇一厂"}])  # fmt: skip
    case.parties.filter(role=PartyRole.WORKER).update(member=worker)
    client = client_for(staff.union_a1)
    client.post(f"/staff/grid/cases/{case.pk}/hardship/",
                {"main_cause": "illness", "note": "职工在走访时口头同意公示"})  # fmt: skip
    file = HardshipFile.objects.get(member=worker)
    assert file.main_cause == "illness" and case.code in file.statement
    case.refresh_from_db()
    assert case.hardship_file == file and case.events.filter(action="hardship").exists()
    again = client.post(f"/staff/grid/cases/{case.pk}/hardship/",
                        {"main_cause": "illness", "note": "再次"}, follow=True)  # fmt: skip
    assert "已建立困难档案" in again.content.decode()
    assert HardshipFile.objects.count() == 1


def test_a_health_check_finding_needs_a_deadline_and_is_counted(g, staff, client_for):
    client = client_for(staff.union_a1)
    today = datetime.date.today().isoformat()
    fields = {"enterprise": g.factory_a.pk, "date": today, "check_contracts": "on"}
    refused = client.post("/staff/grid/legal/health-checks/new/", fields)
    assert "整改期限" in refused.content.decode() and not HealthCheck.objects.exists()
    later = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    client.post("/staff/grid/legal/health-checks/new/", {**fields, "rectify_by": later})
    check = HealthCheck.objects.get()
    assert check.results["contracts"] is True and check.results["minimum_wage"] is False
    assert "不低于最低工资标准" in check.problems
    page = client.get("/staff/grid/legal/").content.decode()
    assert "1 / 500" in page


def test_the_case_list_exports_to_excel_and_the_dashboard_drills_down(g, staff, client_for):
    file_case(g.user_a, g, amount="1234.5")
    client = client_for(staff.admin)
    response = client.get("/staff/grid/", {"export": "xlsx"})
    data = b"".join(response.streaming_content)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "案件编号" and len(rows) == 2 and "甲镇总工会" in rows[1]
    from gonghui.grid.dashboard import section

    table = next(t for t in section(staff.admin, datetime.date.today().year).tables
                 if t.key == "grid_by_town")  # fmt: skip
    assert table.rows[0][:2] == ["甲镇总工会", 1]
    listed = client.get(table.links[0]).content.decode()
    assert "加班费争议" in listed


def test_an_agreement_amount_that_is_not_a_number_on_the_page(g, client_for):
    case = file_case(g.user_a, g)
    cases.case_accept(actor=g.user_a, case=case)
    client = client_for(g.user_a)
    page = client.post(f"/staff/grid/cases/{case.pk}/agreement/", {
        "terms": "补发", "amount": "四千五百", "performance": "转账",
        "worker_signature": "", "enterprise_signature": ""}, follow=True)  # fmt: skip
    assert "金额必须是数字" in page.content.decode()
    case.refresh_from_db()
    assert case.status == "accepted" and not hasattr(case, "agreement")


def test_the_member_home_shows_the_tile_and_the_report_page(g, tree, client):
    from gonghui.accounts.testing import sign_in

    worker = member(tree.union_a1, name="会员甲", enterprise=g.factory_a)
    worker.user = User.objects.create(username="m-tile", role="member")
    worker.save()
    sign_in(client, worker.user)
    home = client.get("/m/").content.decode()
    assert "我要反映" in home and "/m/grid/" in home
    assert "保密反映" in client.get("/m/grid/report/").content.decode()
