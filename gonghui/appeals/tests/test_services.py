"""Appeals through the services: once per refused decision, never decided by the refuser (the
service and the database), scoped to the subtree, and an upheld appeal really reopens the
refused item through its own app's state machine."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from gonghui.accounts.models import Role
from gonghui.appeals import selectors, services
from gonghui.appeals.models import Appeal, AppealStatus
from gonghui.claims import services as claim_services
from gonghui.claims.models import ClaimStatus
from gonghui.claims.tests.factories import file_claim
from gonghui.hardship.models import Action, Status, Tier
from gonghui.hardship.services import files as file_services
from gonghui.hardship.tests.factories import applied_file, set_standard
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.notify.models import SmsMessage
from gonghui.orgs.models import OrgKind
from gonghui.orgs.tests.factories import UserFactory, org

pytestmark = pytest.mark.django_db


def rejected_claim(cheng_user, cheng, reviewer):
    claim = file_claim(cheng_user, cheng)
    claim_services.claim_reject(actor=reviewer, claim=claim, reason="OTHER", note="材料不实")
    claim.refresh_from_db()
    return claim, claim.events.order_by("-at", "-id").first()


def test_a_rejected_claim_is_appealed_once_and_upheld_by_another_reviewer_reopens_it(
    tree, staff, cheng, cheng_user, django_capture_on_commit_callbacks
):
    claim, rejection = rejected_claim(cheng_user, cheng, staff.reviewer)
    [refusal] = selectors.appealable_refusals(cheng)
    assert (refusal.kind, refusal.object_id, refusal.refused_by) == (
        "claims.rejection",
        rejection.pk,
        staff.reviewer,
    )
    with pytest.raises(ValidationError):
        services.appeal_file(
            actor=cheng_user, kind="claims.rejection", object_id=rejection.pk, reason="  "
        )
    assert not Appeal.objects.exists()
    appeal = services.appeal_file(
        actor=cheng_user, kind="claims.rejection", object_id=rejection.pk, reason="住院属实，有发票"
    )
    assert (appeal.status, appeal.on_behalf, appeal.refused_by) == ("filed", False, staff.reviewer)
    assert selectors.appealable_refusals(cheng) == []
    # Once: the service refuses a second appeal, and so does the database.
    with pytest.raises(ValidationError, match="一次"):
        services.appeal_file(
            actor=cheng_user, kind="claims.rejection", object_id=rejection.pk, reason="再申诉"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.create(
            kind=appeal.kind,
            object_id=appeal.object_id,
            member=cheng,
            title="x",
            refused_at=appeal.refused_at,
            reason="x",
            filed_by=cheng_user,
        )
    # Not by the one who refused; not by a role that does not review claims.
    with pytest.raises(PermissionDenied):
        services.appeal_decide(actor=staff.reviewer, appeal=appeal, uphold=True, note="同意")
    with pytest.raises(PermissionDenied):
        services.appeal_decide(actor=staff.union_a1, appeal=appeal, uphold=True, note="同意")
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.filter(pk=appeal.pk).update(
            status=AppealStatus.UPHELD, decided_by=staff.reviewer
        )
    second = UserFactory(role=Role.COUNTY_REVIEWER, org=tree.county)
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_decide(actor=second, appeal=appeal, uphold=True, note="复核后材料属实")
    appeal.refresh_from_db()
    claim.refresh_from_db()
    assert (appeal.status, appeal.decided_by) == (AppealStatus.UPHELD, second)
    assert [e.to_status for e in appeal.events.all()] == ["filed", "upheld"]
    assert claim.status == ClaimStatus.IN_REVIEW
    last = claim.events.order_by("-at", "-id").first()
    assert (last.old_status, last.new_status, last.actor) == ("rejected", "in_review", second)
    assert last.note == f"申诉 {appeal.reference} 成立，申请重新审核。"
    sms = SmsMessage.objects.get(kind="appeal_decided")
    assert sms.mobile == cheng.mobile and "复核后材料属实" in sms.body
    # Really reopened: a reviewer can now approve it, and a decided appeal stays decided.
    claim_services.claim_approve(actor=second, claim=claim)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    with pytest.raises(ValidationError, match="已经裁决"):
        services.appeal_decide(actor=staff.admin, appeal=appeal, uphold=False, note="改判")
    assert selectors.can_decide(staff.admin, appeal) is False


def test_a_claim_appeal_outside_the_federation_is_neither_seen_nor_decided(
    tree, staff, cheng, cheng_user
):
    _claim, rejection = rejected_claim(cheng_user, cheng, staff.reviewer)
    appeal = services.appeal_file(
        actor=cheng_user, kind="claims.rejection", object_id=rejection.pk, reason="不服"
    )
    other_county = org("X", "外县总工会", OrgKind.FEDERATION)
    outsider = UserFactory(role=Role.COUNTY_REVIEWER, org=other_county)
    assert not selectors.appeals_visible_to(outsider).exists()
    with pytest.raises(PermissionDenied):
        services.appeal_decide(actor=outsider, appeal=appeal, uphold=True, note="同意")
    appeal.refresh_from_db()
    assert appeal.status == AppealStatus.FILED


def test_a_dismissed_appeal_leaves_the_refusal_and_tells_the_member(
    tree, staff, cheng, cheng_user, django_capture_on_commit_callbacks
):
    claim, rejection = rejected_claim(cheng_user, cheng, staff.reviewer)
    appeal = services.appeal_file(
        actor=cheng_user, kind="claims.rejection", object_id=rejection.pk, reason="不服"
    )
    with pytest.raises(ValidationError):
        services.appeal_decide(actor=staff.admin, appeal=appeal, uphold=False, note="")
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_decide(actor=staff.admin, appeal=appeal, uphold=False, note="确属观察期内")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    assert "未获支持" in SmsMessage.objects.get(kind="appeal_decided").body


def test_a_returned_hardship_file_appeal_upheld_goes_back_to_its_step(
    tree, staff, django_capture_on_commit_callbacks
):
    set_standard(staff, tree)
    file = applied_file(staff, tree)
    worker_user = member_user(file.member)
    file_services.file_union_review(actor=staff.union_a1, file=file, tier=Tier.DEEP)
    file_services.file_return(actor=staff.town_a, file=file, reason="收入证明不全")
    returned = file.events.order_by("-at", "-id").first()
    # Staff file it for the worker at the window: 代办, recorded.
    appeal = services.appeal_file(
        actor=staff.union_a1, kind="hardship.return", object_id=returned.pk, reason="证明已齐"
    )
    assert (appeal.on_behalf, appeal.filed_by, appeal.events.get().on_behalf) == (
        True,
        staff.union_a1,
        True,
    )
    assert appeal.member.user == worker_user
    # The town B staff and the refuser cannot decide; the refuser's colleague above can.
    assert not selectors.appeals_visible_to(staff.town_b).exists()
    with pytest.raises(PermissionDenied):
        services.appeal_decide(actor=staff.town_b, appeal=appeal, uphold=True, note="同意")
    with pytest.raises(PermissionDenied):
        services.appeal_decide(actor=staff.town_a, appeal=appeal, uphold=True, note="同意")
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_decide(actor=staff.reviewer, appeal=appeal, uphold=True, note="退回有误")
    file.refresh_from_db()
    assert file.status == Status.UNION_REVIEWED
    last = file.events.order_by("-at", "-id").first()
    assert (last.action, last.from_status, last.to_status) == (
        Action.REINSTATE,
        Status.RETURNED,
        Status.UNION_REVIEWED,
    )
    assert last.note == f"申诉 {appeal.reference} 成立，撤销退回。"
    # The file carries on from there.
    file_services.file_return(actor=staff.union_a1, file=file, reason="again")
    assert selectors.appealable_refusals(file.member)[0].refused_by == staff.union_a1


def test_an_appeal_is_refused_once_the_refused_item_moved_on(tree, staff):
    set_standard(staff, tree)
    file = applied_file(staff, tree)
    file_services.file_return(actor=staff.union_a1, file=file, reason="缺材料")
    returned = file.events.order_by("-at", "-id").first()
    appeal = services.appeal_file(
        actor=staff.town_a, kind="hardship.return", object_id=returned.pk, reason="材料已补"
    )
    file_services.file_resubmit(actor=staff.union_a1, file=file, note="补交")
    with pytest.raises(ValidationError):
        services.appeal_decide(actor=staff.reviewer, appeal=appeal, uphold=True, note="同意")
    appeal.refresh_from_db()
    file.refresh_from_db()
    assert (appeal.status, file.status) == (AppealStatus.FILED, Status.APPLIED)
    with pytest.raises(ValidationError):  # not a refusal: an application
        services.appeal_file(
            actor=staff.union_a1,
            kind="hardship.return",
            object_id=file.events.first().pk,
            reason="x",
        )
