"""Review: approve, reject with a reason, the subtree, one appeal that sends it back."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.appeals.services import appeal_decide, appeal_file
from gonghui.patrol.appeals import KIND
from gonghui.patrol.models import Status
from gonghui.patrol.services import grabs, review
from gonghui.patrol.tests.helpers import members_with_users, route, slot, walk

pytestmark = pytest.mark.django_db


def _walked(on, staff):
    the_slot = slot(route(staff.town_a, on.town_a))
    (me,) = members_with_users(on.union_a1, 1)
    return walk(grabs.patrol_grab(actor=me.user, member=me, slot=the_slot))


def test_approval_needs_a_reviewer_of_the_subtree_and_happens_once(on, staff):
    patrol = _walked(on, staff)
    with pytest.raises(PermissionDenied):
        review.patrol_approve(actor=staff.town_b, patrol=patrol)
    with pytest.raises(PermissionDenied):
        review.patrol_approve(actor=staff.finance, patrol=patrol)
    review.patrol_approve(actor=staff.town_a, patrol=patrol)
    patrol.refresh_from_db()
    assert patrol.status == Status.APPROVED
    with pytest.raises(ValidationError, match="不能进行此操作"):
        review.patrol_approve(actor=staff.reviewer, patrol=patrol)
    assert patrol.events.filter(action="approve").count() == 1


def test_a_rejection_needs_a_reason_and_can_be_appealed_once(on, staff):
    patrol = _walked(on, staff)
    with pytest.raises(ValidationError, match="原因"):
        review.patrol_reject(actor=staff.town_a, patrol=patrol, reason=" ")
    assert patrol.status == Status.REVIEW
    review.patrol_reject(actor=staff.town_a, patrol=patrol, reason="照片与点位不符")
    refusal_event = patrol.events.get(action="reject")
    appeal = appeal_file(
        actor=patrol.member.user, kind=KIND, object_id=refusal_event.pk, reason="我走完了全程"
    )
    with pytest.raises(ValidationError):
        appeal_file(actor=patrol.member.user, kind=KIND, object_id=refusal_event.pk, reason="再次")
    appeal_decide(actor=staff.reviewer, appeal=appeal, uphold=True, note="复核同意")
    patrol.refresh_from_db()
    assert patrol.status == Status.REVIEW
    assert patrol.events.last().action == "reopen"
