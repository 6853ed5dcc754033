"""The transitions table and its one checking function."""

import pytest
from django.core.exceptions import PermissionDenied

from gonghui.accounts.models import Role
from gonghui.hardship.models import Action, Status
from gonghui.hardship.workflow import TRANSITIONS, TransitionError, check_move, steps_for


def test_hardship_workflow_happy_path_leads_from_applied_to_active():
    path = [
        (Status.APPLIED, Action.UNION_REVIEW, Role.UNION_STAFF, Status.UNION_REVIEWED),
        (Status.UNION_REVIEWED, Action.RECORD_VISIT, Role.UNION_STAFF, Status.VISITED),
        (Status.VISITED, Action.TOWN_VERIFY, Role.TOWN_STAFF, Status.TOWN_VERIFIED),
        (Status.TOWN_VERIFIED, Action.START_NOTICE, Role.TOWN_STAFF, Status.PUBLIC_NOTICE),
        (Status.PUBLIC_NOTICE, Action.APPROVE, Role.COUNTY_REVIEWER, Status.ACTIVE),
    ]
    for status, action, role, target in path:
        assert check_move(status=status, action=action, role=role) == target


def test_hardship_workflow_refuses_skipping_a_step():
    with pytest.raises(TransitionError):
        check_move(status=Status.APPLIED, action=Action.APPROVE, role=Role.COUNTY_REVIEWER)
    with pytest.raises(TransitionError):
        check_move(status=Status.CLOSED, action=Action.REVIEW, role=Role.UNION_STAFF)


@pytest.mark.parametrize(
    ("status", "action", "role"),
    [
        (Status.APPLIED, Action.UNION_REVIEW, Role.TOWN_STAFF),
        (Status.VISITED, Action.TOWN_VERIFY, Role.UNION_STAFF),
        (Status.PUBLIC_NOTICE, Action.APPROVE, Role.TOWN_STAFF),
        (Status.PUBLIC_NOTICE, Action.APPROVE, Role.COUNTY_FINANCE),
        (Status.APPLIED, Action.UNION_REVIEW, Role.MEMBER),
    ],
)
def test_hardship_workflow_each_step_belongs_to_its_level(status, action, role):
    with pytest.raises(PermissionDenied):
        check_move(status=status, action=action, role=role)


def test_hardship_workflow_every_review_step_can_return_the_file():
    for status in (
        Status.APPLIED,
        Status.UNION_REVIEWED,
        Status.VISITED,
        Status.TOWN_VERIFIED,
        Status.PUBLIC_NOTICE,
    ):
        assert TRANSITIONS[(Action.RETURN, status)][0] == Status.RETURNED


def test_hardship_workflow_offers_each_role_only_its_steps():
    assert steps_for(status=Status.APPLIED, role=Role.UNION_STAFF) == [
        Action.UNION_REVIEW,
        Action.RETURN,
    ]
    assert steps_for(status=Status.APPLIED, role=Role.TOWN_STAFF) == []
    assert steps_for(status=Status.ACTIVE, role=Role.COUNTY_ADMIN) == [
        Action.REVIEW,
        Action.CHANGE_TIER,
        Action.CLOSE,
    ]
    assert steps_for(status=Status.ACTIVE, role=Role.AUDITOR) == []
