"""Applying, the places counted, the waiting list's time-limited offers, check-in."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.activities.models import (
    MemberTag,
    Pool,
    Registration,
    RegistrationEvent,
    RegStatus,
    Tag,
)
from gonghui.activities.services import registrations as regs
from gonghui.activities.tests.helpers import batch, members_with_users, programme

pytestmark = pytest.mark.django_db


def apply(person, the_batch, **kwargs):
    return regs.registration_apply(actor=person.user, member=person, batch=the_batch, **kwargs)


def test_first_come_gives_the_places_then_the_waiting_list(on, staff, sms_sent):
    the_batch = batch(staff.town_a, programme(staff.town_a, on.town_a), places=2)
    people = members_with_users(on.union_a1, 3)
    results = [apply(person, the_batch) for person in people]
    assert [r.status for r in results] == ["confirmed", "confirmed", "applied"]
    pool = Pool.objects.get(batch=the_batch)
    assert (pool.places, pool.taken) == (2, 2)
    assert [e.action for e in results[0].events.all()] == ["apply", "allot_now"]
    assert sms_sent[-1][0] == people[1].mobile
    assert "【数智工会】" in sms_sent[-1][1] and "已确认" in sms_sent[-1][1]


def test_one_place_per_member_per_programme(on, staff):
    prog = programme(staff.town_a, on.town_a)
    first, second = batch(staff.town_a, prog, name="一批"), batch(staff.town_a, prog, name="二批")
    (person,) = members_with_users(on.union_a1, 1)
    apply(person, first)
    with pytest.raises(ValidationError, match="一个名额|已报名|已持有"):
        apply(person, second)
    assert Registration.objects.filter(member=person).count() == 1


def test_registration_outside_the_window_is_refused_and_nothing_written(on, staff):
    now = timezone.now()
    prog = programme(
        staff.town_a,
        on.town_a,
        opens_at=now + datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=3),
    )
    the_batch = batch(staff.town_a, prog)
    (person,) = members_with_users(on.union_a1, 1)
    with pytest.raises(ValidationError) as refused:
        apply(person, the_batch)
    assert "报名" in refused.value.messages[0] and "开始" in refused.value.messages[0]
    with pytest.raises(ValidationError, match="报名已于"):
        apply(person, the_batch, now=now + datetime.timedelta(days=4))
    assert not Registration.objects.exists()
    assert Pool.objects.get(batch=the_batch).taken == 0


def test_eligibility_rule_as_data(on, staff):
    import datetime as dt

    prog = programme(staff.reviewer, on.county)
    the_batch = batch(
        staff.reviewer,
        prog,
        scope=on.town_a,
        gender="female",
        max_age=40,
        required_tag=Tag.SANITATION,
    )
    old_man = members_with_users(on.union_a1, 1, birth=dt.date(1960, 1, 1))[0]
    other_town = members_with_users(on.union_b1, 1, female=True, birth=dt.date(1995, 1, 1))[0]
    fits = members_with_users(on.union_a2, 1, female=True, birth=dt.date(1995, 1, 1))[0]
    with pytest.raises(ValidationError) as refused:
        apply(old_man, the_batch)
    text = " ".join(refused.value.messages)
    assert "女职工" in text and "40" in text and "环卫" in text
    with pytest.raises(ValidationError, match="甲镇总工会"):
        apply(other_town, the_batch)
    with pytest.raises(ValidationError, match="环卫"):
        apply(fits, the_batch)
    MemberTag.objects.create(member=fits, tag=Tag.SANITATION)
    assert apply(fits, the_batch).status == RegStatus.CONFIRMED


def test_not_served_within_years(on, staff):
    last_year = programme(staff.reviewer, on.county, kind="recuperation", title="去年疗休养")
    past = batch(staff.reviewer, last_year, days_ahead=-200)
    (person,) = members_with_users(on.union_a1, 1)
    Registration.objects.create(
        programme=last_year, batch=past, pool=past.pools.get(), member=person, status="checked_in"
    )
    this_year = programme(staff.reviewer, on.county, kind="recuperation", title="今年疗休养")
    the_batch = batch(staff.reviewer, this_year, not_served_years=3)
    with pytest.raises(ValidationError, match="3年"):
        apply(person, the_batch)


def test_quota_pool_and_general_pool(on, staff):
    prog = programme(staff.reviewer, on.county)
    the_batch = batch(staff.reviewer, prog, places=3, quotas={on.town_a: 1})
    a_people = members_with_users(on.union_a1, 2)
    b_person = members_with_users(on.union_b1, 1)[0]
    assert apply(a_people[0], the_batch).pool.org == on.town_a
    second = apply(a_people[1], the_batch)
    assert second.status == RegStatus.APPLIED  # town A's quota is used up: waiting
    assert apply(b_person, the_batch).pool.org is None


def test_declined_place_is_offered_to_the_next_by_sms_and_expires(on, staff, sms_sent):
    the_batch = batch(staff.town_a, programme(staff.town_a, on.town_a, offer_hours=48), places=1)
    first, second, third = members_with_users(on.union_a1, 3)
    held = apply(first, the_batch)
    waiting = [apply(second, the_batch), apply(third, the_batch)]
    regs.registration_cancel(actor=first.user, registration=held)
    waiting[0].refresh_from_db()
    assert waiting[0].status == RegStatus.OFFERED
    assert waiting[0].offer_expires_at > timezone.now() + datetime.timedelta(hours=47)
    assert sms_sent[-1][0] == second.mobile and "候补" in sms_sent[-1][1]
    # 49 hours later nobody confirmed: the scheduled job passes the place on.
    later = timezone.now() + datetime.timedelta(hours=49)
    assert regs.offers_expire(now=later) == 1
    waiting[0].refresh_from_db()
    waiting[1].refresh_from_db()
    assert waiting[0].status == RegStatus.EXPIRED
    assert waiting[1].status == RegStatus.OFFERED
    assert [m[0] for m in sms_sent[-2:]] == [third.mobile, second.mobile]
    assert Pool.objects.get(batch=the_batch).taken == 1
    regs.registration_confirm(actor=third.user, registration=waiting[1], now=later)
    assert Registration.objects.get(pk=waiting[1].pk).status == RegStatus.CONFIRMED


def test_check_in_by_code_once_and_no_shows(on, staff):
    the_batch = batch(staff.town_a, programme(staff.town_a, on.town_a), places=3)
    came, absent = members_with_users(on.union_a1, 2)
    came_reg, absent_reg = apply(came, the_batch), apply(absent, the_batch)
    regs.registration_check_in(actor=staff.town_a, code=came_reg.code.lower())
    with pytest.raises(ValidationError, match="已签到"):
        regs.registration_check_in(actor=staff.town_a, code=came_reg.code)
    with pytest.raises(ValidationError, match="没有"):
        regs.registration_check_in(actor=staff.town_a, code="NOPE")
    with pytest.raises(PermissionDenied):
        regs.registration_check_in(actor=staff.town_b, code=absent_reg.code)
    with pytest.raises(ValidationError):
        regs.batch_record_no_shows(actor=staff.town_a, batch=the_batch)  # not started yet
    assert (
        regs.batch_record_no_shows(actor=staff.town_a, batch=the_batch, today=the_batch.starts_on)
        == 1
    )
    absent_reg.refresh_from_db()
    assert absent_reg.status == RegStatus.NO_SHOW
    assert RegistrationEvent.objects.filter(action="check_in").count() == 1


def test_switched_off_service_refuses_new_applications(tree, staff, switch_on):
    switch_on(tree.county, "activities")
    the_batch = batch(staff.town_a, programme(staff.town_a, tree.town_a))
    switch_on(tree.county, "activities", enabled=False)
    (person,) = members_with_users(tree.union_a1, 1)
    with pytest.raises(PermissionDenied, match="开通"):
        apply(person, the_batch)
