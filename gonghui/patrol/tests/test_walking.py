"""Doing the patrol: start at the first checkpoint, in order, positions within the radius or
the QR tag, finish at the last; what goes to review and why; consent and retention."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from gonghui.consent.models import PublicationConsent
from gonghui.patrol.models import Pass, Status
from gonghui.patrol.services import grabs, walking
from gonghui.patrol.services.walking import Report
from gonghui.patrol.tests.helpers import FAR, at, members_with_users, route, slot, walk

pytestmark = pytest.mark.django_db


def _held(on, staff, **route_fields):
    the_slot = slot(route(staff.town_a, on.town_a, **route_fields))
    (me,) = members_with_users(on.union_a1, 1)
    return grabs.patrol_grab(actor=me.user, member=me, slot=the_slot)


def test_a_complete_patrol_goes_to_review_without_a_reason(on, staff):
    patrol = walk(_held(on, staff))
    assert patrol.status == Status.REVIEW
    assert patrol.reasons == []
    passes = list(patrol.passes.order_by("checkpoint__position"))
    assert [p.method for p in passes] == ["gps"] * 3
    assert all(p.accuracy == 15 and p.distance == 0 and p.lat is not None for p in passes)
    assert [e.action for e in patrol.events.all()] == ["grab", "start", "finish"]


def test_a_complete_patrol_on_an_auto_approving_route_is_approved(on, staff):
    patrol = walk(_held(on, staff, auto_approve=True))
    assert patrol.status == Status.APPROVED
    assert patrol.events.last().action == "auto_approve"


def test_a_checkpoint_out_of_order_is_refused_and_nothing_changes(on, staff):
    patrol = _held(on, staff)
    first, _middle, last = patrol.route.checkpoints.order_by("position")
    walking.patrol_start(actor=patrol.member.user, patrol=patrol, report=at(first), agreed=True,
                         now=patrol.slot.starts_at)  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        walking.patrol_checkpoint(actor=patrol.member.user, patrol=patrol, checkpoint=last,
                                  report=at(last), now=patrol.slot.starts_at)  # fmt: skip
    assert "须按顺序经过点位" in refused.value.messages[0]
    assert "滨河路口" in refused.value.messages[0]
    assert Pass.objects.filter(patrol=patrol).count() == 1


def test_a_position_from_the_other_side_of_town_is_refused(on, staff):
    patrol = _held(on, staff)
    first = patrol.route.checkpoints.order_by("position").first()
    far = Report(lat=FAR[0], lng=FAR[1], accuracy=10)
    with pytest.raises(ValidationError) as refused:
        walking.patrol_start(actor=patrol.member.user, patrol=patrol, report=far, agreed=True,
                             now=patrol.slot.starts_at)  # fmt: skip
    assert "公里" in refused.value.messages[0] and "100 米以内" in refused.value.messages[0]
    patrol.refresh_from_db()
    assert patrol.status == Status.HELD
    assert not Pass.objects.exists()
    # Nothing was recorded, not even the consent: the start did not happen.
    assert not PublicationConsent.objects.exists()
    # A phone that gives no position must scan the tag instead.
    with pytest.raises(ValidationError, match="二维码"):
        walking.patrol_start(actor=patrol.member.user, patrol=patrol, report=Report(),
                             agreed=True, now=patrol.slot.starts_at)  # fmt: skip
    walking.patrol_start(actor=patrol.member.user, patrol=patrol, agreed=True,
                         report=Report(code=first.code.lower()), now=patrol.slot.starts_at)  # fmt: skip
    assert patrol.status == Status.STARTED


def test_unlocated_short_and_incomplete_patrols_go_to_review_with_the_reasons(on, staff):
    patrol = _held(on, staff)
    first, middle, last = patrol.route.checkpoints.order_by("position")
    user, begin = patrol.member.user, patrol.slot.starts_at
    walking.patrol_start(actor=user, patrol=patrol, report=Report(code=first.code), agreed=True,
                         now=begin)  # fmt: skip
    # Finishing before the middle checkpoint: the finish is taken where the member is.
    walking.patrol_finish(actor=user, patrol=patrol, report=at(last),
                          now=begin + datetime.timedelta(minutes=40))  # fmt: skip
    assert patrol.status == Status.REVIEW
    text = " ".join(patrol.reasons)
    assert "滨河路口" in text and "物流中心" in text  # missed
    assert "40" in text  # short: 40 of the expected 120 minutes
    assert "工业园北门" in text  # no position from the phone there


def test_consent_is_asked_once_and_recorded_with_its_text(on, staff):
    patrol = _held(on, staff)
    first = patrol.route.checkpoints.order_by("position").first()
    with pytest.raises(ValidationError, match="同意"):
        walking.patrol_start(actor=patrol.member.user, patrol=patrol, report=at(first),
                             now=patrol.slot.starts_at)  # fmt: skip
    walk(patrol)
    consent = PublicationConsent.objects.get(service="patrol", member=patrol.member)
    assert "180" in consent.text
    later = grabs.patrol_grab(
        actor=patrol.member.user, member=patrol.member,
        slot=slot(patrol.route, hours_ahead=48),
    )  # fmt: skip
    walk(later, agreed=False)  # no second question
    assert PublicationConsent.objects.filter(member=patrol.member).count() == 1


def test_positions_are_dropped_after_the_retention_period_keeping_the_passes(on, staff):
    patrol = walk(_held(on, staff))
    assert walking.positions_drop() == 0
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=181)
    assert walking.positions_drop(now=later) == 3
    passes = Pass.objects.filter(patrol=patrol)
    assert passes.count() == 3
    assert not passes.filter(lat__isnull=False).exists()
    assert not passes.filter(accuracy__isnull=False).exists()
    assert passes.filter(dropped_at__isnull=False).count() == 3


def test_staff_cannot_walk_a_patrol_for_the_member(on, staff):
    from django.core.exceptions import PermissionDenied

    patrol = _held(on, staff)
    first = patrol.route.checkpoints.order_by("position").first()
    with pytest.raises(PermissionDenied):
        walking.patrol_start(actor=staff.union_a1, patrol=patrol, report=at(first), agreed=True,
                             now=patrol.slot.starts_at)  # fmt: skip
