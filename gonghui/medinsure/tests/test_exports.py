"""The bureau's records, the benefit notices and the recoveries exported to Excel: the page's
rows for the page's scope, ID numbers masked, diagnoses left out, logged."""

import pytest

from gonghui.claims import services as claim_services
from gonghui.core.models import AccessLog
from gonghui.core.tests.xlsx import export_body, export_rows
from gonghui.medinsure import services
from gonghui.medinsure.models import BenefitNotice
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import feed, reversal, stay
from gonghui.mutual_aid.tests.factories import member_user

A = "330522197510020014"  # union A1 (town A)
B = "33052219900308002X"  # union B1 (town B)
OUTSIDER = "330522197012120354"

pytestmark = pytest.mark.django_db


@pytest.fixture
def fed(tree, periods):
    wang = person(tree.union_a1, A, "王建国", bank_card="6222021234567890123")
    li = person(tree.union_b1, B, "李秀英")
    enroll_renewed(periods, [wang, li])
    feed(
        tree.county,
        [
            stay(
                wang, "S1", "2022-03-01", "2022-03-05", 主诊断编码="K35.8", 主诊断名称="急性阑尾炎"
            ),
            stay(li, "S2", "2022-04-01", "2022-04-03"),
            stay(OUTSIDER, "S3", "2022-05-01", "2022-05-02"),
        ],
    )
    return {"wang": wang, "li": li}


def column(response, index=0) -> list:
    return sorted(row[index] for row in export_rows(response)[1:])


def test_record_export_masks_id_numbers_and_leaves_out_diagnoses(fed, staff, client_for):
    response = client_for(staff.reviewer).post("/staff/medinsure/records/", {"export": "xlsx"})
    body = export_body(response)
    for secret in (A, B, OUTSIDER, "急性阑尾炎", "K35.8"):
        assert secret not in body
    assert "330522********0014" in body and "王建国" in body
    rows = export_rows(
        client_for(staff.reviewer).post("/staff/medinsure/records/", {"export": "xlsx", "q": A})
    )
    assert rows[0][:5] == ["结算流水号", "结算状态", "原结算流水号", "姓名", "身份证号（已遮蔽）"]
    assert [(row[0], row[4]) for row in rows[1:]] == [("S1", "330522********0014")]
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 2


def test_record_export_holds_only_the_subtree(fed, staff, client_for):
    def serials(user):
        return column(client_for(user).post("/staff/medinsure/records/", {"export": "xlsx"}))

    assert serials(staff.reviewer) == ["S1", "S2", "S3"]
    assert serials(staff.town_a) == ["S1"]
    assert serials(staff.town_b) == ["S2"]
    # A search for another town's person by ID number finds nothing of theirs.
    searched = client_for(staff.town_b).post(
        "/staff/medinsure/records/", {"export": "xlsx", "q": A}
    )
    assert column(searched) == []


def test_notice_export_lists_the_pages_notices_with_amounts(fed, staff, client_for):
    services.benefit_notice_confirm(
        actor=member_user(fed["wang"]), notice=BenefitNotice.objects.get(member=fed["wang"])
    )
    client = client_for(staff.reviewer)
    rows = export_rows(client.post("/staff/medinsure/notices/", {"export": "xlsx"}))
    assert rows[0][1] == "会员" and rows[0][6] == "金额（元）"
    by_name = {row[1]: row for row in rows[1:]}
    assert set(by_name) == {"王建国", "李秀英"}
    assert by_name["王建国"][2] == "330522********0014"
    totals = dict(BenefitNotice.objects.values_list("member__name", "total"))
    assert by_name["王建国"][6] == float(totals["王建国"])
    confirmed = client.post("/staff/medinsure/notices/", {"export": "xlsx", "status": "confirmed"})
    assert column(confirmed, 1) == ["王建国"]
    town_b = client_for(staff.town_b).post("/staff/medinsure/notices/", {"export": "xlsx"})
    assert column(town_b, 1) == ["李秀英"]


def test_recovery_export_follows_the_status_tab(fed, staff, client_for, tree):
    wang = fed["wang"]
    notice = BenefitNotice.objects.get(member=wang)
    services.benefit_notice_confirm(actor=member_user(wang), notice=notice)
    batch = claim_services.payout_batch_create(actor=staff.finance)
    claim_services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05")])
    client = client_for(staff.finance)
    rows = export_rows(client.get("/staff/medinsure/recoveries/?export=xlsx"))
    assert [(row[1], row[3], row[4]) for row in rows[1:]] == [("王建国", "S1", "S1R")]
    assert column(client.get("/staff/medinsure/recoveries/?status=waived&export=xlsx")) == []
    assert column(client_for(staff.town_b).get("/staff/medinsure/recoveries/?export=xlsx")) == []
