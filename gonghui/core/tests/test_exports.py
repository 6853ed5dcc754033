"""Every Excel and CSV export writes text that starts like a formula as text (core.exports),
names starting like a formula are refused on the way in, and Chinese file names reach the
browser."""

import datetime
import io
import re
from urllib.parse import unquote

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.claims import services as claim_services
from gonghui.claims.tests.factories import cheng_enrolled, file_claim
from gonghui.core import exports
from gonghui.core.imports import ImportReport
from gonghui.dashboards import selectors as dashboard_selectors
from gonghui.hardship.models import AidRecord, Campaign, Tier
from gonghui.hardship.tests.factories import active_file
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs import services as org_services
from gonghui.orgs.models import Member, Organisation
from gonghui.orgs.tests.factories import member

FORMULAS = ["=1+1", '=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1"]

REFUSED = re.escape("不能以 =、+、- 或 @ 开头")
pytestmark = pytest.mark.django_db


def cells(content: bytes) -> list:
    """Every written cell of every sheet, asserting that none is a formula."""
    book = load_workbook(io.BytesIO(content))  # not data_only: formulas would show as such
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} {cell.value!r}"
                    found.append(cell)
    return found


def texts(content: bytes) -> set:
    return {cell.value for cell in cells(content)}


def rename(model, pk, **fields):
    """Data kept from before names were checked on the way in."""
    model.objects.filter(pk=pk).update(**fields)


def test_the_bank_transfer_file_keeps_formulas_as_text(tree, staff, client_for):
    with time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=False):
        cheng, _period = cheng_enrolled(tree)
        claim = file_claim(member_user(cheng), cheng)
        claim_services.claim_approve(actor=staff.reviewer, claim=claim)
        batch = claim_services.payout_batch_create(actor=staff.finance)
    rename(Member, cheng.pk, name=FORMULAS[2], bank_name=FORMULAS[3])
    rename(Organisation, tree.union_a1.pk, name=FORMULAS[1])
    client = client_for(staff.finance)
    for url in (
        f"/staff/claims/payouts/{batch.pk}/transfer.xlsx",
        f"/api/payout-batches/{batch.pk}/export/",
    ):
        response = client.get(url)
        assert unquote(response["Content-Disposition"]) == (
            f"attachment; filename*=utf-8''银行代发文件 {batch.reference}.xlsx"
        )
        written = cells(response.content)
        assert {FORMULAS[1], FORMULAS[2], FORMULAS[3]} <= {cell.value for cell in written}
        assert all(cell.quotePrefix for cell in written if cell.value in FORMULAS)
        amount = next(cell for cell in written if cell.column == 5 and cell.row == 2)
        assert amount.value == claim.amount and amount.data_type == "n"


def test_the_hardship_distribution_list_keeps_formulas_as_text(tree, staff, client_for):
    """This export wrote names with xlsxwriter's write(), which makes "=1+1" a formula."""
    deep = active_file(staff, tree, tier=Tier.DEEP)
    rename(Member, deep.member.pk, name=FORMULAS[0])
    rename(Organisation, deep.member.union.pk, name=FORMULAS[1])
    client = client_for(staff.admin)
    client.post(
        reverse("staff:hardship_campaign_create"),
        {
            "name": "两节送温暖",
            "kind": "spring_festival",
            "year": timezone.localdate().year,
            "org": tree.county.pk,
            "budget": "10000",
            "aid_type": "visit",
            "funding_source": "union_funds",
            "default_amount": "2000",
            "rule_tiers": ["deep"],
        },
    )
    campaign = Campaign.objects.get()
    client.post(reverse("staff:hardship_campaign_select", args=[campaign.pk]))
    client.post(
        reverse("staff:hardship_campaign_pay_all", args=[campaign.pk]),
        {"given_on": timezone.localdate().isoformat()},
    )
    AidRecord.objects.update(goods=FORMULAS[2])
    response = client.get(reverse("staff:hardship_campaign_export", args=[campaign.pk]))
    assert FORMULAS[:3] == [value for value in FORMULAS[:3] if value in texts(response.content)]
    assert "filename*=utf-8''" in response["Content-Disposition"]  # 两节送温暖, in Chinese


def test_every_dashboard_table_keeps_formulas_as_text(tree, staff, client_for):
    with time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=False):
        cheng_enrolled(tree)
    for org, name in zip(Organisation.objects.order_by("pk"), FORMULAS, strict=False):
        rename(Organisation, org.pk, name=name)
    client = client_for(staff.admin)
    shown = set()
    for key in dashboard_selectors.TABLE_SECTIONS:
        response = client.get(f"/staff/dashboard/export/{key}.xlsx")
        assert response.status_code == 200, key
        shown |= texts(response.content)
    assert set(FORMULAS) & shown, "no organisation name reached a dashboard table"


def test_csv_exports_quote_formulas_and_keep_numbers():
    text = exports.csv_text(["行号", "原因"], [(2, FORMULAS[0]), (-3, "正常"), (4, "-1")])
    assert text.splitlines() == ["\ufeff行号,原因", "2,'=1+1", "-3,正常", "4,'-1"]
    report = ImportReport(file_error="@SUM(1)", errors=[(5, "+1")])
    assert report.errors_csv().splitlines()[1:] == [",'@SUM(1)", "5,'+1"]


def test_the_workbook_never_writes_a_formula_whatever_the_value():
    book = exports.Workbook()
    sheet = book.sheet("名单[1]/2")
    values = [*FORMULAS, "\t=1+1", "http://x.example", 12, -3.5, datetime.date(2025, 1, 2), None]
    sheet.write_row(0, 0, values)
    written = cells(book.close())
    assert [cell.value for cell in written[:8]] == [*FORMULAS, "\t=1+1", "http://x.example"]
    assert [cell.data_type for cell in written[8:10]] == ["n", "n"]
    assert written[10].is_date and not written[7].hyperlink


def test_chinese_file_names_reach_the_browser(staff, client_for):
    response = exports.csv_response(["姓名"], [["张三"]], "困难职工 名单.csv")
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%E5%9B%B0%E9%9A%BE%E8%81%8C%E5%B7%A5%20%E5%90%8D%E5%8D%95.csv"
    )
    template = client_for(staff.town_a).get(reverse("staff:hardship_import_template"))
    assert template.content.decode("utf-8-sig").startswith("身份证号,")
    assert "filename*=utf-8''" in template["Content-Disposition"]


@pytest.mark.parametrize("name", FORMULAS)
def test_names_starting_like_a_formula_are_refused(tree, name):
    with pytest.raises(ValidationError, match=REFUSED):
        member(tree.union_a1, name=name)
    with pytest.raises(ValidationError, match=REFUSED):
        org_services.org_create(actor=None, code="X1", name=name, kind="single", parent=tree.town_a)
    assert member(tree.union_a1, name=" 张三 ").name == "张三"
