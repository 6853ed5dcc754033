"""The review deadline of a claim (the shared deadlines app applied to the claim queue): opened
on submission in working days, met by a decision, escalated to the county when late, shown
as a badge on the claim page and on the late list of the county only."""

import datetime
import zoneinfo

from gonghui.claims import services
from gonghui.claims.deadlines import OWNER, PURPOSE
from gonghui.claims.models import MaterialKind
from gonghui.claims.tests.factories import file_claim
from gonghui.deadlines.calendar import calendar_day_set
from gonghui.deadlines.models import Deadline, Escalation
from gonghui.deadlines.services import deadlines_escalate

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def local(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


def test_submission_opens_ten_working_days_and_a_decision_meets_them(
    cheng_user, cheng, staff, settings
):
    # Filed Wednesday 21 July 2021; a holiday kept on Friday 30 July (test data).
    calendar_day_set(
        actor=staff.admin, day=datetime.date(2021, 7, 30), kind="holiday", name="测试假日",
        national=True,
    )  # fmt: skip
    claim = file_claim(cheng_user, cheng)
    deadline = Deadline.objects.get(owner=OWNER, object_id=claim.pk, purpose=PURPOSE)
    # 22,23,26,27,28,29 | (30 off) | 2,3,4,5 August: the 10th working day is Thursday 5 August.
    assert deadline.due_at == local(2021, 8, 6)
    assert deadline.org == cheng.union and deadline.met_at is None
    assert deadline.title == f"审核理赔申请 {claim.reference}"
    services.claim_return(
        actor=staff.reviewer, claim=claim, materials=[MaterialKind.PATHOLOGY_REPORT], note="补"
    )
    deadline.refresh_from_db()
    assert deadline.met_at is not None


def test_a_late_claim_is_escalated_to_the_county_once_and_listed_for_it_only(
    cheng_user, cheng, staff, client_for, filing_day
):
    claim = file_claim(cheng_user, cheng)
    assert deadlines_escalate(local(2021, 8, 4, 23, 59)) == 0
    assert deadlines_escalate(local(2021, 8, 5, 0, 1)) == 1
    assert deadlines_escalate(local(2021, 8, 5, 0, 16)) == 0
    escalation = Escalation.objects.get()
    assert (escalation.level, escalation.told_org) == (1, cheng.union.parent.parent)
    assert escalation.told_roles == ",county_reviewer,"
    filing_day.move_to(local(2021, 8, 5, 9))

    page = client_for(staff.reviewer).get("/staff/deadlines/").content.decode()
    assert "超期事项" in page and f"审核理赔申请 {claim.reference}" in page
    assert f'href="/staff/claims/{claim.pk}/"' in page and "升级到你这里" in page
    assert "已超期" in page
    detail = client_for(staff.reviewer).get(f"/staff/claims/{claim.pk}/").content.decode()
    assert 'data-testid="review-deadline"' in detail and "text-bg-danger" in detail
    other = client_for(staff.town_b).get("/staff/deadlines/").content.decode()
    assert claim.reference not in other and "辖区内没有超期事项" in other
