"""Filing, the thresholds to the county with an SMS, the state machine to closing and the
follow-up visit, and bad input that changes nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.grid.models import Action, Case, CaseEvent, Kind, Level, Party, Status
from gonghui.grid.services import agreements, casefile, cases
from gonghui.grid.tests.factories import DUTY_MOBILE, WORKERS, file_case, signature_url
from gonghui.notify.models import SmsMessage

pytestmark = pytest.mark.django_db


def test_a_grid_member_files_a_case_of_their_enterprise_at_the_union(g, tree):
    case = file_case(g.user_a, g)
    assert case.status == Status.REGISTERED and case.level == Level.UNION
    assert case.org == tree.union_a1 and case.town == tree.town_a
    assert case.code.startswith("WG") and case.amount == Decimal("4500.00")
    assert case.filer_mobile == "13811110001"
    assert Party.objects.get(case=case, role="worker").id_number == "331004199001010011"
    assert list(case.events.values_list("action", flat=True)) == [Action.FILE]
    assert not SmsMessage.objects.exists()


def test_wage_arrears_of_ten_workers_goes_straight_to_the_county_with_an_sms(g, tree, sms_sent):
    case = file_case(g.user_a, g, kind=Kind.WAGE_ARREARS, people=12, amount="86000")
    assert case.level == Level.COUNTY and case.org == tree.county
    sms = SmsMessage.objects.get(kind="grid_case")
    assert sms.mobile == DUTY_MOBILE and case.code in sms.body
    assert sms_sent and sms_sent[-1][0] == DUTY_MOBILE


@pytest.mark.parametrize(
    ("people", "amount", "mass", "county"),
    [(9, "99999.99", False, False), (10, "0", False, True), (1, "100000", False, True),
     (2, "10", True, True)],
)  # fmt: skip
def test_the_thresholds_at_their_boundaries(g, people, amount, mass, county):
    kind = Kind.LABOUR_DISPUTE if mass else Kind.WAGE_ARREARS
    case = file_case(g.user_a, g, kind=kind, people=people, amount=amount, mass_incident=mass)
    assert (case.level == Level.COUNTY) is county


def test_a_case_without_parties_is_refused_and_nothing_is_written(g):
    with pytest.raises(ValidationError) as refused:
        file_case(g.user_a, g, parties=[{"role": "worker", "name": "  "}])
    assert "至少" in str(refused.value.message_dict["parties"][0])
    assert not Case.objects.exists()


def test_a_grid_member_cannot_file_for_another_enterprise(g):
    with pytest.raises(PermissionDenied):
        file_case(g.user_a, g, enterprise=g.factory_b)
    assert not Case.objects.exists()


def _settle(case, actor):
    return agreements.agreement_sign(
        actor=actor, case=case, terms="企业于十日内补发加班费", amount="4500",
        performance="银行转账，十日内", worker_signature=signature_url(),
        enterprise_signature=signature_url(),
    )  # fmt: skip


def test_accept_mediate_and_settle_by_agreement_with_its_pdf(g):
    case = file_case(g.user_a, g)
    cases.case_accept(actor=g.user_a, case=case)
    casefile.mediation_record(
        actor=g.user_a, case=case, date=datetime.date.today(), place="工会办公室",
        mediators="林江", present="袁小军、企业人事", statements="工人要求补发，企业同意核算",
        outcome="双方同意签订协议",
    )  # fmt: skip
    agreement = _settle(case, g.user_a)
    case.refresh_from_db()
    assert case.status == Status.SETTLED and case.settled_at is not None
    assert agreement.amount == Decimal("4500.00") and agreement.worker_signature
    assert agreement.document.kind == "grid_agreement" and agreement.document.size > 1000
    assert [e.action for e in case.events.all()] == ["file", "accept", "mediate", "settle"]


def test_an_agreement_amount_that_is_not_a_number_changes_nothing(g):
    case = file_case(g.user_a, g)
    cases.case_accept(actor=g.user_a, case=case)
    with pytest.raises(ValidationError) as refused:
        agreements.agreement_sign(
            actor=g.user_a, case=case, terms="补发", amount="四千五", performance="转账",
            worker_signature=signature_url(), enterprise_signature=signature_url(),
        )  # fmt: skip
    assert "数字" in refused.value.message_dict["amount"][0]
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED and not hasattr(case, "agreement")
    assert case.events.count() == 2


def test_escalation_handover_outcome_closing_and_follow_up(g, staff, tree):
    case = file_case(g.user_a, g)
    cases.case_escalate(actor=g.user_a, case=case, reason="企业拒绝调解")
    case.refresh_from_db()
    assert case.level == Level.TOWN and case.org == tree.town_a
    with pytest.raises(PermissionDenied):  # the grid member is done once it left the union
        cases.case_accept(actor=g.user_a, case=case)
    casefile.case_hand_over(
        actor=staff.town_a, case=case, centre="甲镇矛调中心", file_summary="登记表、调解记录"
    )
    casefile.handover_outcome(
        actor=staff.town_a, case=case, settled=True, outcome="矛调中心调解成功", recovered="4500"
    )
    case.refresh_from_db()
    assert case.status == Status.SETTLED and case.recovered == Decimal("4500.00")
    with pytest.raises(ValidationError):
        casefile.handover_outcome(actor=staff.town_a, case=case, settled=False, outcome="again")
    cases.case_close(actor=staff.town_a, case=case, report="已履行完毕，结案。")
    visit = casefile.follow_up_record(
        actor=staff.town_a, case=case, date=datetime.date.today(), performed=True, note="已到账"
    )
    assert visit.performed
    assert [e.action for e in CaseEvent.objects.filter(case=case)] == [
        "file", "escalate", "hand_over", "outcome", "close", "follow_up",
    ]  # fmt: skip


def test_a_follow_up_is_only_for_settled_disputes(g, staff):
    case = file_case(g.user_a, g)
    cases.case_accept(actor=g.user_a, case=case)
    cases.case_fail(actor=g.user_a, case=case, note="企业不同意")
    cases.case_close(actor=staff.union_a1, case=case, report="未达成协议，告知仲裁途径。")
    with pytest.raises(ValidationError):
        casefile.follow_up_record(
            actor=staff.union_a1, case=case, date=datetime.date.today(), performed=False
        )


def test_a_step_the_state_does_not_allow_is_refused(g):
    case = file_case(g.user_a, g)
    with pytest.raises(ValidationError) as refused:
        cases.case_close(actor=g.user_a, case=case, report="x")
    assert "不能" in refused.value.messages[0]


def test_a_confidential_member_report_goes_to_the_town_and_hides_the_filer(g, tree, staff):
    from gonghui.accounts.models import User
    from gonghui.grid.selectors import cases_visible_to
    from gonghui.orgs.tests.factories import member

    worker = member(tree.union_a1, name="匿名工人", enterprise=g.factory_a)
    worker.user = User.objects.create(username="m-anon", role="member")
    worker.save()
    case = file_case(worker.user, g, confidential=True, parties=WORKERS)
    assert case.level == Level.TOWN and case.org == tree.town_a and case.confidential
    assert not cases_visible_to(g.user_a).filter(pk=case.pk).exists()
    assert not cases_visible_to(staff.union_a1).filter(pk=case.pk).exists()
    assert cases_visible_to(staff.town_a).filter(pk=case.pk).exists()
    assert cases_visible_to(worker.user).filter(pk=case.pk).exists()
