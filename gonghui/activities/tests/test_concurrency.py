"""Never over, never twice, on PostgreSQL with real threads (each its own connection): the
last places, a voucher redeemed from many phones at once, the scheduled job run by two
schedulers at once."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from gonghui.accounts.models import Role
from gonghui.activities.models import (
    Partner,
    Pool,
    Prize,
    Registration,
    RegistrationEvent,
    RegStatus,
    Voucher,
    VoucherStatus,
)
from gonghui.activities.services import registrations as regs
from gonghui.activities.services.lotteries import voucher_redeem
from gonghui.activities.tests.helpers import batch, members_with_users, programme
from gonghui.claims.tests.test_concurrency import together
from gonghui.orgs.tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def test_fifty_members_for_the_last_five_places_get_exactly_five(on, staff):
    the_batch = batch(staff.town_a, programme(staff.town_a, on.town_a), places=25)
    early = members_with_users(on.union_a1, 20)
    for person in early:
        regs.registration_apply(actor=person.user, member=person, batch=the_batch)
    crowd = members_with_users(on.union_a2, 50)
    results = together(
        *(
            lambda person=person: regs.registration_apply(
                actor=person.user, member=person, batch=the_batch
            )
            for person in crowd
        )
    )
    assert all(outcome == "ok" for outcome, _value in results), results
    confirmed = Registration.objects.filter(batch=the_batch, status=RegStatus.CONFIRMED)
    assert confirmed.count() == 25
    assert confirmed.filter(member__in=crowd).count() == 5
    assert Registration.objects.filter(batch=the_batch, status=RegStatus.APPLIED).count() == 45
    assert Pool.objects.get(batch=the_batch).taken == 25


def test_twenty_concurrent_redemptions_redeem_once_and_stock_stays(on, staff):
    from gonghui.activities.models import Entry, Lottery

    shop = Partner.objects.create(org=on.county, name="影城")
    clerks = [UserFactory(role=Role.PARTNER, org=on.county) for _ in range(20)]
    shop.users.add(*clerks)
    now = timezone.now()
    lottery = Lottery.objects.create(
        org=on.county,
        title="抽奖",
        opens_at=now - datetime.timedelta(days=2),
        closes_at=now - datetime.timedelta(days=1),
        created_by=staff.reviewer,
    )
    prize = Prize.objects.create(lottery=lottery, position=1, name="电影票", stock=1, partner=shop)
    people = members_with_users(on.union_a1, 2)
    vouchers = [
        Voucher.objects.create(
            entry=Entry.objects.create(lottery=lottery, member=person, status="won", prize=prize),
            prize=prize,
            valid_until=now + datetime.timedelta(days=5),
        )
        for person in people
    ]
    results = together(
        *(
            lambda clerk=clerk: voucher_redeem(actor=clerk, code=vouchers[0].code)
            for clerk in clerks
        )
    )
    assert sorted(outcome for outcome, _ in results) == ["ok"] + ["refused"] * 19
    # The stock (1) is used: a second voucher of the same prize is refused, never below 0.
    results = together(
        *(
            lambda clerk=clerk: voucher_redeem(actor=clerk, code=vouchers[1].code)
            for clerk in clerks
        )
    )
    assert all(outcome == "refused" for outcome, _ in results)
    prize.refresh_from_db()
    assert (prize.stock, prize.redeemed) == (1, 1)
    assert Voucher.objects.filter(status=VoucherStatus.REDEEMED).count() == 1


def test_the_expiry_job_run_by_two_schedulers_at_once_acts_once(on, staff, sms_sent):
    the_batch = batch(staff.town_a, programme(staff.town_a, on.town_a), places=1)
    first, second, third = members_with_users(on.union_a1, 3)
    held = regs.registration_apply(actor=first.user, member=first, batch=the_batch)
    for person in (second, third):
        regs.registration_apply(actor=person.user, member=person, batch=the_batch)
    regs.registration_cancel(actor=first.user, registration=held)
    later = timezone.now() + datetime.timedelta(hours=49)
    results = together(*(lambda: regs.offers_expire(now=later) for _ in range(2)))
    assert sorted(value for _outcome, value in results) == [0, 1]
    assert RegistrationEvent.objects.filter(action="expire").count() == 1
    assert Registration.objects.get(member=third).status == RegStatus.OFFERED
    assert Pool.objects.get(batch=the_batch).taken == 1
