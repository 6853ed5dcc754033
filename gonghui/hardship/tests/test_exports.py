"""The hardship lists exported to Excel: the page's files, pairs and campaigns, no one from
outside the subtree, ID numbers masked, every export of who is in hardship logged."""

import pytest
from django.utils import timezone

from gonghui.core.models import AccessLog
from gonghui.core.tests.xlsx import export_body, export_rows
from gonghui.hardship.models import Tier
from gonghui.hardship.services import campaigns as campaign_services
from gonghui.hardship.services import pairs as pair_services
from gonghui.hardship.tests.factories import active_file, applied_file, set_standard
from gonghui.orgs.models import Member
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(staff, tree):
    set_standard(staff, tree)
    return {
        "a": active_file(staff, tree, member(tree.union_a1, name="赵大"), tier=Tier.DEEP),
        "b": applied_file(staff, tree, member(tree.union_b1, name="钱二")),
    }


def workers(response) -> list:
    return sorted(row[0] for row in export_rows(response)[1:])


def test_hardship_file_export_is_scoped_masked_and_logged(files, staff, client_for):
    county = client_for(staff.admin).post("/staff/hardship/", {"export": "xlsx"})
    rows = export_rows(county)
    assert rows[0][:4] == ["职工", "身份证号（已遮蔽）", "工会", "状态"]
    zhao = next(row for row in rows if row[0] == "赵大")
    number = files["a"].member.id_number
    assert zhao[1] == number[:6] + "********" + number[-4:]
    assert zhao[5] == "深度困难" and zhao[3] == "在档困难职工"
    assert workers(client_for(staff.town_a).post("/staff/hardship/", {"export": "xlsx"})) == [
        "赵大"
    ]
    assert workers(client_for(staff.town_b).post("/staff/hardship/", {"export": "xlsx"})) == [
        "钱二"
    ]
    entries = AccessLog.objects.filter(action=AccessLog.Action.EXPORT).order_by("id")
    assert [entry.subject_label for entry in entries] == [
        "困难职工档案名单，2 行",
        "困难职工档案名单，1 行",
        "困难职工档案名单，1 行",
    ]


def test_hardship_file_export_keeps_the_search_and_never_the_full_number(files, staff, client_for):
    client = client_for(staff.admin)
    number = files["b"].member.id_number
    by_name = client.post("/staff/hardship/", {"export": "xlsx", "q": "钱"})
    assert workers(by_name) == ["钱二"]
    by_status = client.post("/staff/hardship/", {"export": "xlsx", "status": "active"})
    assert workers(by_status) == ["赵大"]
    body = export_body(client.post("/staff/hardship/", {"export": "xlsx"}))
    assert number not in body and files["a"].member.id_number not in body
    assert "钱二" in body and number[-4:] in body  # the masked number is there


def test_hardship_file_export_keeps_formula_like_names_as_text(files, staff, client_for):
    Member.objects.filter(pk=files["a"].member_id).update(name="=1+1")
    rows = export_rows(client_for(staff.admin).post("/staff/hardship/", {"export": "xlsx"}))
    assert "=1+1" in {row[0] for row in rows}


def test_pair_export_lists_the_board_of_the_subtree(files, staff, client_for):
    cadre = staff.town_a
    pair_services.pair_create(actor=cadre, cadre=cadre, file=files["a"])
    rows = export_rows(client_for(staff.admin).get("/staff/hardship/pairs/?export=xlsx"))
    assert rows[0][:3] == ["帮扶干部", "职工", "工会"]
    assert [(row[0], row[1]) for row in rows[1:]] == [(str(cadre), "赵大")]
    assert workers(client_for(staff.town_b).get("/staff/hardship/pairs/?export=xlsx")) == []
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 2


def test_campaign_export_lists_totals_and_is_not_logged(files, staff, client_for):
    campaign_services.campaign_create(
        actor=staff.admin,
        org=staff.admin.org,
        name="两节送温暖",
        kind="spring_festival",
        year=timezone.localdate().year,
        budget="10000",
        aid_type="visit",
        funding_source="union_funds",
        default_amount="2000",
        rule_tiers=["deep"],
    )
    rows = export_rows(client_for(staff.admin).get("/staff/hardship/campaigns/?export=xlsx"))
    assert rows[0][:2] == ["年度", "活动名称"]
    assert rows[1][1] == "两节送温暖" and rows[1][6] == 10000
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()
    assert workers(client_for(staff.town_b).get("/staff/hardship/campaigns/?export=xlsx")) == []
