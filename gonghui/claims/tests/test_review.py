"""Review decisions through the services: return for material and resubmit, correct with a
reason (recomputed), approve with a second reviewer above the threshold, reject with a
reason code; nobody reviews a claim they filed; caps count what was granted before."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.accounts.models import Role
from gonghui.claims import services
from gonghui.claims.models import ClaimStatus, Correction, MaterialKind
from gonghui.claims.tests.factories import CHENG_FACTS, file_claim, photo
from gonghui.notify.models import SmsMessage
from gonghui.orgs.tests.factories import UserFactory


@pytest.fixture
def second_reviewer(tree):
    return UserFactory(role=Role.COUNTY_REVIEWER, org=tree.county)


def test_return_for_pathology_then_resubmit_and_approve(
    cheng_user, cheng, staff, django_capture_on_commit_callbacks
):
    claim = file_claim(cheng_user, cheng)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_return(
            actor=staff.reviewer,
            claim=claim,
            materials=[MaterialKind.PATHOLOGY_REPORT],
            note="请补拍病理报告。",
        )
    assert claim.status == ClaimStatus.RETURNED
    sms = SmsMessage.objects.get(kind="claim_returned")
    assert "病理报告" in sms.body and "请补拍病理报告" in sms.body

    services.material_add(
        actor=cheng_user, claim=claim, kind=MaterialKind.PATHOLOGY_REPORT, upload=photo()
    )
    services.claim_submit(actor=cheng_user, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    assert not claim.computation.findings.exists()
    assert claim.computations.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        services.claim_approve(actor=staff.reviewer, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.approved_at is not None
    assert "9,961" in SmsMessage.objects.get(kind="claim_approved").body
    assert [e.new_status for e in claim.events.all()] == [
        "submitted",
        "in_review",
        "returned",
        "submitted",
        "in_review",
        "approved",
    ]


def test_above_the_threshold_a_second_and_different_reviewer_confirms(
    cheng_user, cheng, staff, second_reviewer
):
    facts = {**CHENG_FACTS, "self_responsibility": "20000"}  # 360 + 12,000 + 5,000
    claim = file_claim(cheng_user, cheng, facts=facts)
    services.claim_approve(actor=staff.reviewer, claim=claim)
    claim.refresh_from_db()
    assert claim.amount == Decimal("17360")
    assert claim.status == ClaimStatus.AWAITING_SECOND_APPROVAL
    with pytest.raises(PermissionDenied):
        services.claim_approve(actor=staff.reviewer, claim=claim)
    services.claim_approve(actor=second_reviewer, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert (claim.first_approver, claim.second_approver) == (staff.reviewer, second_reviewer)


def test_threshold_is_a_setting(cheng_user, cheng, staff, settings):
    settings.CLAIMS_SECOND_APPROVAL_ABOVE = Decimal("5000")
    claim = file_claim(cheng_user, cheng)
    services.claim_approve(actor=staff.reviewer, claim=claim)
    assert claim.status == ClaimStatus.AWAITING_SECOND_APPROVAL


def test_a_reviewer_does_not_review_a_claim_they_filed(cheng, staff, second_reviewer):
    claim = file_claim(second_reviewer, cheng)
    assert claim.channel == "window"
    with pytest.raises(PermissionDenied):
        services.claim_approve(actor=second_reviewer, claim=claim)
    services.claim_approve(actor=staff.reviewer, claim=claim)


def test_only_reviewers_review(cheng_user, cheng, staff):
    claim = file_claim(cheng_user, cheng)
    for user in (staff.union_a1, staff.finance, staff.auditor, cheng_user):
        with pytest.raises(PermissionDenied):
            services.claim_approve(actor=user, claim=claim)


def test_correction_is_kept_and_recomputes(cheng_user, cheng, staff):
    claim = file_claim(cheng_user, cheng)
    services.claim_correct(
        actor=staff.reviewer,
        claim=claim,
        field="self_responsibility",
        value="7000",
        reason="结算单上的自负金额是 7,000.00",
    )
    claim.refresh_from_db()
    assert claim.amount == Decimal("360") + Decimal("4200") + Decimal("5000")
    correction = Correction.objects.get(claim=claim)
    assert (correction.field, correction.old_value, correction.new_value, correction.actor) == (
        "self_responsibility",
        "7,668.71",
        "7,000",
        staff.reviewer,
    )
    assert claim.computation.cause == "correction"
    with pytest.raises(ValidationError):
        services.claim_correct(
            actor=staff.reviewer, claim=claim, field="discharge", value="13/04", reason="x"
        )
    with pytest.raises(ValidationError):
        services.claim_correct(
            actor=staff.reviewer, claim=claim, field="admission", value="2021-04-02", reason=" "
        )


def test_correcting_during_second_approval_withdraws_the_first(
    cheng_user, cheng, staff, second_reviewer
):
    claim = file_claim(cheng_user, cheng, facts={**CHENG_FACTS, "self_responsibility": "20000"})
    services.claim_approve(actor=staff.reviewer, claim=claim)
    services.claim_correct(
        actor=second_reviewer, claim=claim, field="critical", value="mild", reason="病理为轻度"
    )
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW and claim.first_approver is None
    assert claim.amount == Decimal("360") + Decimal("12000") + Decimal("2000")


def test_reject_with_a_reason_code(cheng_user, cheng, staff, django_capture_on_commit_callbacks):
    claim = file_claim(cheng_user, cheng)
    with django_capture_on_commit_callbacks(execute=True):
        services.claim_reject(actor=staff.reviewer, claim=claim, reason="WAITING_PERIOD", note="")
    event = claim.events.last()
    assert (event.new_status, event.reason) == ("rejected", "WAITING_PERIOD")
    assert "观察期" in SmsMessage.objects.get(kind="claim_rejected").body
    with pytest.raises(ValidationError):
        services.claim_approve(actor=staff.reviewer, claim=claim)


def test_what_was_granted_before_counts_against_the_caps(cheng_user, cheng, staff):
    first = file_claim(cheng_user, cheng)
    services.claim_approve(actor=staff.reviewer, claim=first)
    later = {
        **CHENG_FACTS,
        "settlement_serial": "JS2021060001",
        "admission": datetime.date(2021, 6, 1),
        "discharge": datetime.date(2021, 6, 5),
        "self_responsibility": "1000",
    }
    second = file_claim(cheng_user, cheng, facts=later)
    lines = {line.code: line.amount for line in second.computation.lines.all()}
    # CRITICAL was paid 5,000 already: nothing left under its cap.
    assert lines == {"INPATIENT.allowance": Decimal("120"), "INPATIENT.subsidy": Decimal("600")}
    assert second.computation.before_critical == Decimal("5000")
    assert second.computation.before_allowance_days == 12
    finding = second.computation.findings.get(code="CAP_REACHED", plan="CRITICAL")
    # Mr. Cheng is a man: the sentence is about the critical cap, never the female plan.
    assert "女职工" not in finding.text and "本期上限 5,000 元，已领 5,000 元" in finding.text


def test_a_recomputation_that_changes_nothing_is_not_told_to_the_member(cheng_user, cheng, staff):
    first = file_claim(cheng_user, cheng)
    later = {**CHENG_FACTS, "settlement_serial": "JS3", "admission": datetime.date(2021, 6, 1),
             "discharge": datetime.date(2021, 6, 5), "critical": "none"}  # fmt: skip
    second = file_claim(cheng_user, cheng, facts=later)
    amount = second.amount
    services.claim_approve(actor=staff.reviewer, claim=first)
    services.claim_approve(actor=staff.reviewer, claim=second)
    second.refresh_from_db()
    # The caps moved (the first stay was granted) but this stay's amount did not.
    assert second.computation.cause == "approval" and second.amount == amount
    note = second.events.last().note
    assert "重新计算" not in note and "→" not in note


def test_approval_recomputes_when_another_claim_was_granted_meanwhile(cheng_user, cheng, staff):
    first = file_claim(cheng_user, cheng)
    later = {**CHENG_FACTS, "settlement_serial": "JS2", "admission": datetime.date(2021, 6, 1),
             "discharge": datetime.date(2021, 6, 5)}  # fmt: skip
    second = file_claim(cheng_user, cheng, facts=later)
    assert second.computation.lines.filter(code="CRITICAL.lump_sum").exists()
    services.claim_approve(actor=staff.reviewer, claim=first)
    services.claim_approve(actor=staff.reviewer, claim=second)
    second.refresh_from_db()
    assert not second.computation.lines.filter(code="CRITICAL.lump_sum").exists()
    assert second.computation.cause == "approval"
    assert "重新计算" in second.events.last().note


def test_duplicate_stay_is_found_and_never_granted_twice(cheng_user, cheng, staff):
    first = file_claim(cheng_user, cheng)
    again = file_claim(cheng_user, cheng)  # same serial, same dates
    assert again.computation.findings.filter(code="DUPLICATE_STAY").exists()
    services.claim_approve(actor=staff.reviewer, claim=first)
    with pytest.raises(ValidationError, match=first.reference):
        services.claim_approve(actor=staff.reviewer, claim=again)
