"""Pages and API: scoping (another town sees nothing, page and API), the API's actions, the
member's phone page, the service switch, the late step on the union's home page."""

import datetime

import pytest
import time_machine

from gonghui.contracts.models import Contract, Status
from gonghui.contracts.tests.helpers import DAY, effective, firm, signed
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(on, staff):
    with time_machine.travel(datetime.datetime(2025, 3, 1, 10), tick=False):
        return signed(staff.union_a1, on.union_a1, [(firm(on.union_a1, on.town_a), 80)])


def test_another_towns_staff_cannot_see_the_contract_page_or_api(contract, staff, client_for):
    client = client_for(staff.town_b)
    assert client.get(f"/staff/contracts/{contract.pk}/").status_code == 404
    assert client.get(f"/api/contracts/register/{contract.pk}/").status_code == 404
    assert client.get("/api/contracts/register/").json()["count"] == 0
    assert contract.title not in client.get("/staff/contracts/").content.decode()
    own = client_for(staff.town_a)
    assert contract.title in own.get(f"/staff/contracts/{contract.pk}/").content.decode()


def test_the_api_records_and_files_a_contract_and_refuses_bad_dates(on, staff, client_for):
    company = firm(on.union_a1, on.town_a)
    client = client_for(staff.union_a1)
    body = {
        "org": on.union_a1.pk, "level": "enterprise", "kind": "wage", "title": "API 合同",
        "starts_on": "2025-04-01", "ends_on": "2026-03-31", "signed_on": "2025-03-20",
        "enterprises": [{"enterprise": company.pk, "workers_covered": 70}],
        "adjustment_pct": "5.50",
    }  # fmt: skip
    with time_machine.travel(datetime.datetime(2025, 3, 25, 10), tick=False):
        made = client.post("/api/contracts/register/", body, content_type="application/json")
        assert made.status_code == 201, made.json()
        pk = made.json()["id"]
        refused = client.post(
            f"/api/contracts/register/{pk}/file/",
            {"filed_on": "2025-03-19"},
            content_type="application/json",
        )
        assert refused.status_code == 400 and "早于签订日期" in refused.json()["filed_on"][0]
        filed = client.post(
            f"/api/contracts/register/{pk}/file/",
            {"filed_on": "2025-03-24"},
            content_type="application/json",
        )
    assert filed.json()["status"] == "filed" and filed.json()["objection_ends_on"] == "2025-04-08"
    bad = dict(body, ends_on="2025-01-01")
    answer = client.post("/api/contracts/register/", bad, content_type="application/json")
    assert answer.status_code == 400 and "早于开始日期" in answer.json()["ends_on"][0]
    assert Contract.objects.count() == 1


def test_the_member_sees_the_contract_covering_them_on_the_phone(on, staff, client):
    company = firm(on.union_a1, on.town_a)
    with time_machine.travel(datetime.datetime(2025, 3, 20, 10), tick=False):
        effective(
            staff.union_a1, on.union_a1, [(company, 80)], title="甲厂2025年工资专项集体合同",
            adjustment_pct="6.00", lowest_wage="2490", pay_day="每月15日",
        )  # fmt: skip
    person = member(on.union_a1, enterprise=company)
    user = member_user(person)
    client.force_login(user)
    with time_machine.travel(datetime.datetime(2025, 6, 1, 10), tick=False):
        page = client.get("/m/contracts/").content.decode()
        api = client.get("/api/me/contracts/").json()
    assert "甲厂2025年工资专项集体合同" in page and "6.00%" in page and "每月15日" in page
    assert "2025-03-01 — 2026-02-28" in page
    assert [row["title"] for row in api] == ["甲厂2025年工资专项集体合同"]


def test_switched_off_the_register_stays_readable_but_takes_no_new_contract(
    contract, staff, client_for, switch_on, tree
):
    switch_on(tree.county, "contracts", enabled=False)
    client = client_for(staff.union_a1)
    assert client.get(f"/staff/contracts/{contract.pk}/").status_code == 200
    assert client.get("/staff/contracts/new/").status_code == 403
    answer = client.post(
        f"/api/contracts/register/{contract.pk}/file/",
        {"filed_on": "2025-03-02"},
        content_type="application/json",
    )
    assert answer.status_code == 403
    contract.refresh_from_db()
    assert contract.status == Status.SIGNED


def test_the_late_filing_is_flagged_on_the_unions_home_page(contract, staff, client_for):
    client = client_for(staff.union_a1)
    with time_machine.travel(datetime.datetime(2025, 3, 11, 10), tick=False):
        assert 'data-testid="contracts-home"' not in client.get("/staff/").content.decode()
    with time_machine.travel(datetime.datetime(2025, 3, 12, 10), tick=False):
        page = client.get("/staff/").content.decode()
    assert 'data-testid="contracts-home"' in page and "2025-03-11" in page
    assert contract.title in page
    assert DAY(2025, 3, 11) == contract.file_due_on


def test_the_page_refuses_a_filing_date_before_the_signing_in_chinese(contract, staff, client_for):
    client = client_for(staff.union_a1)
    with time_machine.travel(datetime.datetime(2025, 3, 5, 10), tick=False):
        page = client.post(
            f"/staff/contracts/{contract.pk}/file/", {"filed_on": "2025-02-27"}, follow=True
        ).content.decode()
    assert "早于签订日期" in page
    contract.refresh_from_db()
    assert contract.status == Status.SIGNED


def test_the_form_records_a_regional_contract_and_the_coverage_page_counts_it(
    on, staff, client_for
):
    a1, a2 = firm(on.union_a1, on.town_a, 60), firm(on.union_a2, on.town_a, 30)
    client = client_for(staff.town_a)
    with time_machine.travel(datetime.datetime(2025, 3, 20, 4), tick=False):
        page = client.post(
            "/staff/contracts/new/",
            {
                "title": "甲镇区域性工资专项集体合同", "level": "regional", "kind": "wage",
                "org": on.town_a.pk, "bound": f"{a1.credit_code}, 55\n{a2.credit_code}，28",
                "starts_on": "2025-03-01", "ends_on": "2026-02-28", "signed_on": "2025-03-01",
                "congress_present": "50", "congress_for": "48", "congress_against": "1",
            },
            follow=True,
        ).content.decode()  # fmt: skip
        contract = Contract.objects.get()
        assert "甲镇区域性工资专项集体合同" in page and "已签订，待备案" in page
        assert sorted(contract.links.values_list("workers_covered", flat=True)) == [28, 55]
        client.post(f"/staff/contracts/{contract.pk}/file/", {"filed_on": "2025-03-05"})
    with time_machine.travel(datetime.datetime(2025, 3, 21, 4), tick=False):
        from gonghui.contracts.services.register import contracts_take_effect

        assert contracts_take_effect() == 1
        coverage = client.get("/staff/contracts/coverage/").content.decode()
    assert "截至2025-03-21：2家建会企业中有2家有有效集体合同（100.0%）" in coverage
    refused = client.post(
        "/staff/contracts/new/",
        {"title": "x", "level": "regional", "kind": "wage", "org": on.town_a.pk,
         "bound": "91330000MA0000000X, 5", "starts_on": "2025-03-01", "ends_on": "2026-02-28",
         "signed_on": "2025-03-01"},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "没有统一社会信用代码为 91330000MA0000000X 的企业" in refused
    assert Contract.objects.count() == 1


def test_the_signed_pdf_comes_back_decrypted_on_the_page_and_the_api(contract, staff, client_for):
    from django.core.files.storage import default_storage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gonghui.contracts.services import register
    from gonghui.core.tests.files import pdf_bytes

    content = pdf_bytes()
    register.contract_attach_pdf(
        actor=staff.union_a1,
        contract=contract,
        upload=SimpleUploadedFile("合同.pdf", content, content_type="application/pdf"),
    )
    contract.refresh_from_db()
    with default_storage.open(contract.pdf) as stored:
        assert content not in stored.read()  # kept encrypted
    client = client_for(staff.union_a1)
    page = client.get(f"/staff/contracts/{contract.pk}/contract.pdf")
    assert page.status_code == 200 and b"".join(page.streaming_content) == content
    api = client.get(f"/api/contracts/register/{contract.pk}/pdf/")
    assert api.status_code == 200 and b"".join(api.streaming_content) == content
    other = client_for(staff.town_b)
    assert other.get(f"/staff/contracts/{contract.pk}/contract.pdf").status_code == 404
