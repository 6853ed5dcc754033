"""The enrollment list and the contributions exported to Excel, as the period's pages show
them to each staff member."""

import pytest

from gonghui.core.models import AccessLog
from gonghui.core.tests.xlsx import export_body, export_rows
from gonghui.mutual_aid.tests.factories import enroll, make_period, pay
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(tree):
    period = make_period(tree.county)
    enroll(period, [member(tree.union_a1, name="周一", female=True)], plans=["INPATIENT", "FEMALE"])
    enroll(period, [member(tree.union_b1, name="吴二")], plans=["INPATIENT"], paid=True)
    return period


def test_enrollment_export_is_scoped_masked_and_logged(period, staff, client_for):
    url = f"/staff/mutual-aid/periods/{period.pk}/enrollments/"
    rows = export_rows(client_for(staff.admin).post(url, {"export": "xlsx"}))
    assert rows[0][:4] == ["姓名", "身份证号（已遮蔽）", "工会", "保障项目"]
    assert sorted(row[0] for row in rows[1:]) == ["吴二", "周一", "周一"]
    assert all("********" in row[1] for row in rows[1:])
    town_b = export_rows(client_for(staff.town_b).post(url, {"export": "xlsx"}))
    assert [row[0] for row in town_b[1:]] == ["吴二"]
    entries = AccessLog.objects.filter(action=AccessLog.Action.EXPORT).order_by("id")
    assert [(e.user, e.subject_label) for e in entries] == [
        (staff.admin, "参保名单，3 行"),
        (staff.town_b, "参保名单，1 行"),
    ]


def test_enrollment_export_keeps_the_search_posted(period, staff, client_for):
    url = f"/staff/mutual-aid/periods/{period.pk}/enrollments/"
    client = client_for(staff.admin)
    wu = period.enrollments.get(member__name="吴二").member
    by_number = client.post(url, {"export": "xlsx", "q": wu.id_number})
    assert [row[0] for row in export_rows(by_number)[1:]] == ["吴二"]
    by_plan = client.post(url, {"export": "xlsx", "plan": "FEMALE"})
    assert [row[0] for row in export_rows(by_plan)[1:]] == ["周一"]
    by_status = client.post(url, {"export": "xlsx", "status": "pending_payment"})
    body = export_body(by_status)
    assert "周一" in body and "吴二" not in body


def test_contribution_exports_show_dues_and_payments(period, staff, client_for, tree):
    url = f"/staff/mutual-aid/periods/{period.pk}/payments/"
    client = client_for(staff.finance)
    dues = export_rows(client.get(url + "?export=dues"))
    assert dues[0] == ["工会", "工会编码", "参保人次", "应缴（元）", "已缴（元）", "欠缴（元）"]
    by_union = {row[1]: row for row in dues[1:]}
    assert by_union["TA-1"][2] == 2 and by_union["TA-1"][5] > 0
    assert by_union["TB-1"][5] == 0
    pay(period, tree.union_a1)
    payments = export_rows(client.get(url + "?export=payments"))
    assert sorted(row[1] for row in payments[1:]) == ["乙镇一厂工会", "甲镇一厂工会"]
    town_a = export_rows(client_for(staff.town_a).get(url + "?export=payments"))
    assert [row[1] for row in town_a[1:]] == ["甲镇一厂工会"]
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()
