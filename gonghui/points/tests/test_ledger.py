import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.points import services as points_services
from gonghui.points.models import Adjustment, AdjustStatus, Entry, EntryKind
from gonghui.points.services import adjust, conversion, expiry, ledger
from gonghui.points.tests.helpers import make_member, with_coins

pytestmark = pytest.mark.django_db


def test_conversion_at_the_default_rate_turns_twenty_points_into_two_coins(tree):
    member = make_member(tree.union_a1)
    points_services.earn(member=member, points=20, key="patrol:1:earn", reason="巡逻")
    entry = conversion.convert(member=member, points=20, key="c1")
    assert (entry.kind, entry.points, entry.coins) == (EntryKind.CONVERT, -20, 2)
    assert entry.expires_on == datetime.date(timezone.localdate().year + 1, 12, 31)
    assert points_services.balance(member) == {"points": 0, "coins": 2}


def test_a_dated_new_rate_applies_from_its_day_only(tree):
    member = make_member(tree.union_a1)
    points_services.earn(member=member, points=100, key="e", reason="巡逻")
    today = timezone.localdate()
    rate = conversion.rate_set(
        actor=None, federation=tree.county, points_per_coin=20, valid_from=today
    )
    assert rate.version == 1
    later = conversion.rate_set(
        actor=None,
        federation=tree.county,
        points_per_coin=25,
        valid_from=today + datetime.timedelta(days=10),
    )
    assert later.version == 2
    entry = conversion.convert(member=member, points=40, key="c")
    assert entry.coins == 2 and entry.source_id == rate.pk


def test_conversion_of_a_wrong_amount_is_refused_in_chinese_and_changes_nothing(tree):
    member = make_member(tree.union_a1)
    points_services.earn(member=member, points=20, key="e", reason="巡逻")
    with pytest.raises(ValidationError) as refused:
        conversion.convert(member=member, points=15, key="c")
    assert "10" in str(refused.value) and "积分" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        conversion.convert(member=member, points=30, key="c")
    assert "积分不足" in str(refused.value)
    assert points_services.balance(member) == {"points": 20, "coins": 0}
    assert Entry.objects.filter(member=member).count() == 1


def test_a_balance_row_cannot_go_below_zero_even_bypassing_the_check(tree):
    from django.db import IntegrityError

    from gonghui.points.models import Account

    member = make_member(tree.union_a1)
    points_services.earn(member=member, points=5, key="e", reason="x")
    with pytest.raises(IntegrityError):
        Account.objects.filter(member=member).update(points=-1)


def test_expiry_takes_the_oldest_coins_first_and_only_what_is_left(tree):
    member = make_member(tree.union_a1)
    with_coins(member, 5, key="old")
    Entry.objects.filter(key="old:convert").update(expires_on=datetime.date(2020, 12, 31))
    ledger.post(member=member, kind=EntryKind.REDEEM, key="spent", reason="x", coins=-2)
    with_coins(member, 3, key="new")
    assert expiry.expire_due() == 1
    assert expiry.expire_due() == 0  # once a day: the key
    lapsed = Entry.objects.get(member=member, kind=EntryKind.EXPIRE)
    assert lapsed.coins == -3
    assert points_services.balance(member) == {"points": 0, "coins": 3}
    assert ledger.balance(member) == ledger.balance_from_entries(member)


def test_small_adjustment_is_posted_at_once_with_reason_and_author(tree, staff):
    member = make_member(tree.union_a1)
    adjustment = adjust.adjust_request(
        actor=staff.town_a, member=member, points=30, reason="补记 11 月 3 日巡逻"
    )
    assert adjustment.status == AdjustStatus.APPLIED
    entry = Entry.objects.get(kind=EntryKind.ADJUST)
    assert (entry.points, entry.actor, entry.reason) == (30, staff.town_a, "补记 11 月 3 日巡逻")


def test_large_adjustment_waits_for_a_second_staff_member(tree, staff):
    member = make_member(tree.union_a1)
    adjustment = adjust.adjust_request(
        actor=staff.admin, member=member, points=500, reason="年度奖励"
    )
    assert adjustment.status == AdjustStatus.PENDING
    assert points_services.balance(member)["points"] == 0
    with pytest.raises(PermissionDenied):
        adjust.adjust_decide(actor=staff.admin, adjustment=adjustment, approve=True)
    adjust.adjust_decide(actor=staff.finance, adjustment=adjustment, approve=True)
    assert points_services.balance(member)["points"] == 500
    with pytest.raises(ValidationError):
        adjust.adjust_decide(actor=staff.reviewer, adjustment=adjustment, approve=True)
    assert Entry.objects.filter(kind=EntryKind.ADJUST).count() == 1


def test_adjustment_without_reason_or_outside_the_subtree_is_refused(tree, staff):
    member = make_member(tree.union_a1)
    with pytest.raises(ValidationError) as refused:
        adjust.adjust_request(actor=staff.town_a, member=member, points=5, reason=" ")
    assert "理由" in str(refused.value)
    with pytest.raises(PermissionDenied):
        adjust.adjust_request(actor=staff.town_b, member=member, points=5, reason="x")
    with pytest.raises(ValidationError):
        adjust.adjust_request(actor=staff.town_a, member=member, points=-5, reason="扣减")
    assert Adjustment.objects.filter(status=AdjustStatus.APPLIED).count() == 0
    assert Entry.objects.count() == 0
