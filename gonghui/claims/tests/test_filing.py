"""Filing through the services: Mr. Cheng's stay (seed 000) from the phone, checked and
computed on submission, with the parameter version frozen and every step an event."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.claims import services
from gonghui.claims.models import (
    MISSING_MATERIAL,
    ClaimStatus,
    ComputationCause,
    MaterialKind,
)
from gonghui.claims.tests.factories import CHENG_FACTS, file_claim, photo
from gonghui.mutual_aid.models import ParameterSet
from gonghui.notify.models import SmsMessage
from gonghui.orgs.tests.factories import member


def test_mr_cheng_is_computed_on_submission(cheng_user, cheng, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        claim = file_claim(cheng_user, cheng)

    assert claim.status == ClaimStatus.IN_REVIEW
    assert claim.amount == Decimal("9961")
    computation = claim.computation
    assert computation.cause == ComputationCause.SUBMISSION
    assert {line.code: line.amount for line in computation.lines.all()} == {
        "INPATIENT.allowance": Decimal("360"),
        "INPATIENT.subsidy": Decimal("4601"),
        "CRITICAL.lump_sum": Decimal("5000"),
    }
    assert computation.lines.get(code="INPATIENT.allowance").days == 12
    assert "7,668.71 元 × 60%" in computation.trace and "合计 9,961 元" in computation.trace
    parameters = ParameterSet.objects.get(period=claim.period)
    assert computation.parameter_set == parameters and parameters.frozen_at is not None
    assert [(f.code, f.text) for f in computation.findings.all()] == [
        (MISSING_MATERIAL, "缺少：病理报告")
    ]
    assert list(claim.events.values_list("old_status", "new_status")) == [
        ("draft", "submitted"),
        ("submitted", "in_review"),
    ]
    assert claim.plans == "INPATIENT CRITICAL"
    sms = SmsMessage.objects.get(member=cheng)
    assert sms.kind == "claim_submitted" and claim.reference in sms.body


def test_a_sent_claim_cannot_be_changed(cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)
    with pytest.raises(ValidationError):
        services.material_add(
            actor=cheng_user, claim=claim, kind=MaterialKind.OTHER, upload=photo()
        )
    with pytest.raises(ValidationError):
        services.claim_update_facts(actor=cheng_user, claim=claim, facts={"hospital": "x"})


def test_nobody_files_for_someone_else(cheng_user, tree, staff):
    stranger = member(tree.union_b1)
    with pytest.raises(PermissionDenied):
        services.claim_create(actor=cheng_user, member=stranger, facts=dict(CHENG_FACTS))
    # union staff of A1 cannot file for a member of B1
    with pytest.raises(PermissionDenied):
        services.claim_create(actor=staff.union_a1, member=stranger, facts=dict(CHENG_FACTS))


def test_saving_unchanged_facts_keeps_the_signature(cheng_user, cheng):
    claim = file_claim(cheng_user, cheng, submit=False)
    facts = {**CHENG_FACTS, "self_responsibility": "7,668.71"}
    services.claim_update_facts(actor=cheng_user, claim=claim, facts=facts)
    assert claim.materials.filter(kind=MaterialKind.APPLICATION_FORM).exists()
    services.claim_update_facts(
        actor=cheng_user, claim=claim, facts={**facts, "hospital": "台州市中心医院"}
    )
    assert not claim.materials.filter(kind=MaterialKind.APPLICATION_FORM).exists()
