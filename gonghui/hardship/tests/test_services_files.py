"""The file services: applying, the review steps, the notice, closing and falling back."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from gonghui.accounts.models import Role
from gonghui.hardship.models import (
    Action,
    Cause,
    Channel,
    CloseReason,
    FileEvent,
    HardshipFile,
    Pair,
    Status,
    Tier,
)
from gonghui.hardship.services import files as services
from gonghui.hardship.tests.factories import (
    active_file,
    applied_file,
    set_standard,
    window_consent,
)
from gonghui.hardship.workflow import TransitionError
from gonghui.notify.models import SmsMessage
from gonghui.orgs.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_hardship_apply_computes_the_suggestion_and_writes_the_first_event(tree, staff):
    set_standard(staff, tree)
    file = applied_file(staff, tree, annual_income=Decimal("30000"), household_size=3)
    assert file.status == Status.APPLIED
    assert file.channel == Channel.STAFF
    assert file.suggested_tier == Tier.DEEP
    assert file.income_per_person == Decimal("833.33")
    assert file.standard_used == Decimal("1000.00")
    assert "833.33" in file.suggestion_trace
    event = file.events.get()
    assert (event.action, event.from_status, event.to_status, event.actor) == (
        Action.APPLY,
        "",
        Status.APPLIED,
        staff.union_a1,
    )


def test_hardship_standard_of_the_nearest_area_applies(tree, staff):
    set_standard(staff, tree, Decimal("1000"))
    from gonghui.hardship.services.parameters import standard_set

    standard_set(
        actor=staff.admin,
        area=tree.town_a,
        year=timezone.localdate().year,
        monthly_amount=Decimal("1200"),
    )
    # 12 × 1,100 for one person: deep under the town's 1,200, relative under the county's 1,000.
    file = applied_file(staff, tree, annual_income=Decimal("13200"), household_size=1)
    assert (file.standard_used, file.suggested_tier) == (Decimal("1200.00"), Tier.DEEP)


def test_hardship_one_open_file_per_member(tree, staff):
    worker = member(tree.union_a1)
    applied_file(staff, tree, worker)
    with pytest.raises(ValidationError) as error:
        applied_file(staff, tree, worker)
    assert error.value.code == "open_file"
    file = HardshipFile.objects.get(member=worker)
    duplicate = HardshipFile(
        member=worker,
        channel=Channel.STAFF,
        main_cause=Cause.ILLNESS,
        applied_on=file.applied_on,
        created_by=staff.union_a1,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_hardship_union_review_keeps_the_suggestion_and_the_override_reason(tree, staff):
    set_standard(staff, tree)
    file = applied_file(staff, tree)  # suggested deep
    with pytest.raises(ValidationError) as error:
        services.file_union_review(actor=staff.union_a1, file=file, tier=Tier.RELATIVE)
    assert error.value.code == "tier_reason"
    file.refresh_from_db()
    assert file.status == Status.APPLIED
    services.file_union_review(
        actor=staff.union_a1, file=file, tier=Tier.RELATIVE, reason="另有房租收入未申报"
    )
    file.refresh_from_db()
    decision = file.decisions.get()
    assert (decision.suggested_tier, decision.tier, decision.reason) == (
        Tier.DEEP,
        Tier.RELATIVE,
        "另有房租收入未申报",
    )
    assert decision.overrides_suggestion
    assert (file.status, file.tier) == (Status.UNION_REVIEWED, Tier.RELATIVE)


def test_hardship_steps_outside_the_subtree_or_role_are_refused(tree, staff):
    file = applied_file(staff, tree)
    other_union = UserFactory(role=Role.UNION_STAFF, org=tree.union_a2)
    with pytest.raises(PermissionDenied):
        services.file_union_review(actor=other_union, file=file, tier=Tier.DEEP, reason="x")
    with pytest.raises(PermissionDenied):
        services.file_union_review(actor=staff.town_a, file=file, tier=Tier.DEEP, reason="x")
    with pytest.raises(PermissionDenied):
        services.file_return(actor=staff.town_b, file=file, reason="不符合")
    file.refresh_from_db()
    assert file.status == Status.APPLIED
    assert file.events.count() == 1


def test_hardship_full_lifecycle_writes_one_event_per_step(tree, staff):
    file = active_file(staff, tree)
    steps = list(file.events.values_list("action", "from_status", "to_status"))
    assert steps == [
        (Action.APPLY, "", Status.APPLIED),
        (Action.UNION_REVIEW, Status.APPLIED, Status.UNION_REVIEWED),
        (Action.RECORD_VISIT, Status.UNION_REVIEWED, Status.VISITED),
        (Action.TOWN_VERIFY, Status.VISITED, Status.TOWN_VERIFIED),
        (Action.START_NOTICE, Status.TOWN_VERIFIED, Status.PUBLIC_NOTICE),
        (Action.APPROVE, Status.PUBLIC_NOTICE, Status.ACTIVE),
    ]
    assert file.approved_on == file.reviewed_on == timezone.localdate()
    assert file.visits.get().visitors == "张主席、李干事"
    approval_sms = SmsMessage.objects.get(kind="hardship", member=file.member)
    assert str(file.get_tier_display()) in approval_sms.body


def _to_notice(staff, tree, ends_on):
    file = applied_file(staff, tree)
    services.file_union_review(actor=staff.union_a1, file=file, tier=Tier.DEEP, reason="核实")
    services.file_record_visit(
        actor=staff.town_a,
        file=file,
        visited_on=timezone.localdate(),
        visitors="李干事",
        findings="属实",
    )
    services.file_town_verify(actor=staff.town_a, file=file)
    services.file_start_notice(
        actor=staff.town_a,
        file=file,
        starts_on=ends_on - datetime.timedelta(days=6),
        ends_on=ends_on,
        place="镇政府公示栏",
    )
    return file


def test_hardship_cannot_approve_before_the_notice_ends(tree, staff):
    today = timezone.localdate()
    file = _to_notice(staff, tree, ends_on=today)
    with pytest.raises(ValidationError) as error:
        services.file_approve(actor=staff.reviewer, file=file)
    assert error.value.code == "notice_running"
    with time_machine.travel(
        datetime.datetime.combine(today, datetime.time(12)) + datetime.timedelta(days=1)
    ):
        services.file_approve(actor=staff.reviewer, file=file)
    file.refresh_from_db()
    assert file.status == Status.ACTIVE


def test_hardship_cannot_approve_with_an_unresolved_objection(tree, staff):
    file = _to_notice(staff, tree, ends_on=timezone.localdate() - datetime.timedelta(days=1))
    objection = services.objection_record(
        actor=staff.town_a,
        file=file,
        received_on=timezone.localdate() - datetime.timedelta(days=2),
        raised_by="匿名",
        content="其家属在外经商，收入较高。",
    )
    with pytest.raises(ValidationError) as error:
        services.file_approve(actor=staff.reviewer, file=file)
    assert error.value.code == "objection_open"
    services.objection_resolve(
        actor=staff.town_a, objection=objection, resolution="经查，其弟已分户，收入不计入。"
    )
    services.file_approve(actor=staff.reviewer, file=file)
    file.refresh_from_db()
    assert file.status == Status.ACTIVE
    assert objection.notice.objections.get().resolved_by == staff.town_a


def test_hardship_return_keeps_the_reason_and_resubmit_restarts_the_review(tree, staff):
    file = _to_notice(staff, tree, ends_on=timezone.localdate())
    with pytest.raises(ValidationError):
        services.file_return(actor=staff.reviewer, file=file, reason="  ")
    services.file_return(actor=staff.reviewer, file=file, reason="缺少家庭收入证明")
    file.refresh_from_db()
    assert file.status == Status.RETURNED
    assert file.events.last().note == "缺少家庭收入证明"
    assert "缺少家庭收入证明" in SmsMessage.objects.filter(member=file.member).first().body
    worker_user = UserFactory(role=Role.MEMBER)
    file.member.user = worker_user
    file.member.save()
    services.file_resubmit(
        actor=worker_user, file=file, note="已补交收入证明", annual_income=Decimal("28000")
    )
    file.refresh_from_db()
    assert (file.status, file.annual_income) == (Status.APPLIED, Decimal("28000.00"))
    assert file.events.last().actor == worker_user


def test_hardship_a_stale_step_is_refused(tree, staff):
    file = applied_file(staff, tree)
    stale = HardshipFile.objects.get(pk=file.pk)
    services.file_return(actor=staff.union_a1, file=file, reason="材料不全")
    with pytest.raises(TransitionError):
        services.file_union_review(actor=staff.union_a1, file=stale, tier=Tier.DEEP, reason="x")
    assert FileEvent.objects.filter(file=file).count() == 2


def test_hardship_close_and_fall_back_keeps_the_history(tree, staff):
    file = active_file(staff, tree)
    Pair.objects.create(
        cadre=staff.town_a, file=file, started_on=timezone.localdate(), created_by=staff.town_a
    )
    with pytest.raises(ValidationError):
        services.file_close(actor=staff.union_a1, file=file, reason=CloseReason.WITHDRAWN)
    services.file_close(
        actor=staff.union_a1, file=file, reason=CloseReason.OUT_OF_HARDSHIP, note="妻子病愈复工"
    )
    file.refresh_from_db()
    assert (file.status, file.close_reason) == (Status.CLOSED, CloseReason.OUT_OF_HARDSHIP)
    assert file.pairs.get().ended_on == timezone.localdate()
    # The worker applies again a year later: the same file reopens (返困).
    services.file_apply(
        actor=staff.union_a1,
        member=file.member,
        consent=window_consent(file.member),
        main_cause=Cause.ACCIDENT,
        annual_income=Decimal("20000"),
        household_size=3,
        statement="丈夫车祸",
    )
    file.refresh_from_db()
    assert HardshipFile.objects.filter(member=file.member).count() == 1
    assert (file.status, file.tier, file.close_reason) == (Status.APPLIED, "", "")
    actions = list(file.events.values_list("action", flat=True))
    assert actions[-2:] == [Action.CLOSE, Action.REOPEN]
    assert len(actions) == 8


def test_hardship_yearly_review_and_tier_change(tree, staff):
    set_standard(staff, tree)
    file = active_file(staff, tree)
    later = timezone.now() + datetime.timedelta(days=400)
    with time_machine.travel(later):
        services.file_review(actor=staff.union_a1, file=file, note="家庭情况无变化")
        with pytest.raises(PermissionDenied):
            services.file_change_tier(
                actor=staff.union_a1, file=file, tier=Tier.RELATIVE, reason="收入增加"
            )
        services.file_change_tier(
            actor=staff.town_a, file=file, tier=Tier.RELATIVE, reason="妻子就业，收入增加"
        )
    file.refresh_from_db()
    assert (file.tier, file.status) == (Tier.RELATIVE, Status.ACTIVE)
    assert file.reviewed_on == later.astimezone(timezone.get_current_timezone()).date()
    assert file.decisions.last().tier == Tier.RELATIVE
    assert file.events.last().action == Action.CHANGE_TIER
