"""The March campaign: targets proposed by the ACFTU's criteria, confirmed by unions; the
要约书 generated as a PDF naming the enterprise; replies, meetings, the contract; the summary
table by town, exported to Excel."""

import datetime
import io
import shutil
import subprocess

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import load_workbook

from gonghui.contracts import selectors
from gonghui.contracts.models import Kind, Target
from gonghui.contracts.services import campaign
from gonghui.contracts.tests.helpers import DAY, effective, firm
from gonghui.documents.services import document_bytes

pytestmark = pytest.mark.django_db
MARCH = datetime.datetime(2025, 3, 3, 10)


def pdf_text(data: bytes) -> str:
    assert shutil.which("pdftotext"), "poppler-utils is needed"
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def opened(on, staff):
    """a1 has no contract; a2 a wage contract to the end of 2025; a3 a comprehensive one
    into 2026; a4 a wage contract into 2026 (not a target); a5 has 10 staff (too small)."""
    with time_machine.travel(datetime.datetime(2025, 1, 20, 10), tick=False):
        firms = {
            "a1": firm(on.union_a1, on.town_a, 120, name="甲一机械有限公司"),
            "a2": firm(on.union_a2, on.town_a, 60),
            "a3": firm(on.union_a2, on.town_a, 50),
            "a4": firm(on.union_a2, on.town_a, 40),
            "a5": firm(on.union_a2, on.town_a, 10),
            "b1": firm(on.union_b1, on.town_b, 300),
        }
        effective(staff.town_a, on.union_a2, [(firms["a2"], 50)], on=DAY(2025, 1, 1))
        effective(
            staff.town_a, on.union_a2, [(firms["a3"], 45)], on=DAY(2025, 1, 1), months=24,
            kind=Kind.COMPREHENSIVE,
        )  # fmt: skip
        effective(staff.town_a, on.union_a2, [(firms["a4"], 40)], on=DAY(2025, 1, 1), months=24)
    with time_machine.travel(MARCH, tick=False):
        found = campaign.campaign_open(actor=staff.admin, year=2025, reply_days=20)
    return found, firms


def test_the_targets_follow_the_criteria(opened):
    found, firms = opened
    reasons = {t.enterprise_id: t.reasons for t in Target.objects.filter(campaign=found)}
    assert reasons == {
        firms["a1"].pk: ["no_contract"],
        firms["a2"].pk: ["ending"],
        firms["a3"].pk: ["no_wage"],
        firms["b1"].pk: ["no_contract"],
    }


def test_only_the_county_opens_a_campaign_once_a_year(opened, staff):
    with pytest.raises(PermissionDenied):
        campaign.campaign_open(actor=staff.town_a, year=2026)
    with time_machine.travel(MARCH, tick=False), pytest.raises(ValidationError, match="已经开启"):
        campaign.campaign_open(actor=staff.admin, year=2025)


def test_the_union_sends_the_request_and_the_pdf_names_the_enterprise(opened, staff):
    found, firms = opened
    target = Target.objects.get(campaign=found, enterprise=firms["a1"])
    with time_machine.travel(MARCH, tick=False):
        with pytest.raises(ValidationError, match="先确认"):
            campaign.letter_send(
                actor=staff.union_a1, target=target, sent_on=DAY(2025, 3, 3), chair="张主席"
            )
        campaign.target_confirm(actor=staff.union_a1, target=target)
        sent = campaign.letter_send(
            actor=staff.union_a1, target=target, sent_on=DAY(2025, 3, 3), chair="张主席"
        )
    text = pdf_text(document_bytes(sent.letter))
    assert "甲一机械有限公司" in text and "甲镇一厂工会" in text and "20" in text
    assert sent.reply_due_on() == DAY(2025, 3, 23)
    assert not sent.no_reply(DAY(2025, 3, 23)) and sent.no_reply(DAY(2025, 3, 24))


def test_another_towns_union_cannot_touch_the_target(opened, staff):
    found, firms = opened
    target = Target.objects.get(campaign=found, enterprise=firms["a1"])
    with pytest.raises(PermissionDenied):
        campaign.target_confirm(actor=staff.town_b, target=target)
    assert list(selectors.targets_visible_to(staff.town_b).filter(campaign=found)) == [
        Target.objects.get(enterprise=firms["b1"])
    ]


def test_reply_meeting_contract_and_the_summary_table(opened, staff):
    found, firms = opened
    target = Target.objects.get(campaign=found, enterprise=firms["a1"])
    with time_machine.travel(datetime.datetime(2025, 3, 25, 10), tick=False):
        campaign.target_confirm(actor=staff.union_a1, target=target)
        campaign.letter_send(
            actor=staff.union_a1, target=target, sent_on=DAY(2025, 3, 3), chair="张主席"
        )
        with pytest.raises(ValidationError, match="之间"):
            campaign.reply_record(
                actor=staff.union_a1, target=target, reply="agreed", reply_on=DAY(2025, 3, 1)
            )
        campaign.reply_record(
            actor=staff.union_a1, target=target, reply="agreed", reply_on=DAY(2025, 3, 10)
        )
        campaign.meeting_add(
            actor=staff.union_a1, target=target, held_on=DAY(2025, 3, 18), place="会议室"
        )
        made = campaign.target_contract(
            actor=staff.union_a1, target=target, level="enterprise", title="甲一工资专项合同",
            kind=Kind.WAGE, starts_on=DAY(2025, 4, 1), ends_on=DAY(2026, 3, 31),
            signed_on=DAY(2025, 3, 25), workers_covered=110,
        )  # fmt: skip
        b_target = Target.objects.get(campaign=found, enterprise=firms["b1"])
        campaign.target_confirm(actor=staff.town_b, target=b_target)
        campaign.letter_send(
            actor=staff.town_b, target=b_target, sent_on=DAY(2025, 3, 4), chair="李主席"
        )
        report = selectors.campaign_report(found, selectors.targets_visible_to(staff.admin))
    assert made.links.get().workers_covered == 110
    assert target.meetings.count() == 1
    rows = {row["town"]: row for row in report}
    assert (rows["甲镇总工会"]["targeted"], rows["甲镇总工会"]["sent"]) == (3, 1)
    assert (
        rows["甲镇总工会"]["agreed"],
        rows["甲镇总工会"]["signed"],
        rows["甲镇总工会"]["workers"],
    ) == (1, 1, 110)
    assert rows["乙镇总工会"]["sent"] == 1
    assert rows[None]["targeted"] == 4 and rows[None]["signed"] == 1


def test_the_summary_table_exports_to_excel(opened, staff, client_for):
    found, _firms = opened
    response = client_for(staff.admin).get(f"/staff/contracts/campaigns/{found.pk}/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "镇街" and rows[1][0] == "甲镇总工会" and rows[1][1] == 3
    assert rows[-1][0] == "合计" and rows[-1][1] == 4
