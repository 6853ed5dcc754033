"""Lotteries and over-subscribed programmes drawn by GH-DRAW-1 through gonghui.draw; vouchers
redeemed once by the partner's staff; unredeemed prizes to the waiting list."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.accounts.models import Role
from gonghui.activities.models import (
    Allocation,
    Entry,
    EntryStatus,
    Partner,
    Pool,
    Prize,
    Registration,
    RegStatus,
    Voucher,
    VoucherStatus,
)
from gonghui.activities.services import allocation, draws, lotteries
from gonghui.activities.services import registrations as regs
from gonghui.activities.tests.helpers import batch, members_with_users, programme
from gonghui.draw import engine
from gonghui.draw import services as draw_services
from gonghui.orgs.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SEED = "3356.78"


def run_draw(staff, draw):
    draw_services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed=SEED)
    draw_services.draw_confirm_seed(actor=staff.admin, draw=draw, seed=SEED)
    return draw_services.draw_run(actor=staff.reviewer, draw=draw)


def make_lottery(staff, tree, people, *, partner=None, stock=(1, 2)):
    now = timezone.now()
    lottery = lotteries.lottery_create(
        actor=staff.reviewer,
        org=tree.county,
        title="职工抽奖",
        opens_at=now - datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(hours=1),
        prizes=[("手机", stock[0], 3000, partner), ("电影票", stock[1], 40, partner)],
    )
    draws.lottery_draw_prepare(
        actor=staff.reviewer, lottery=lottery, seed_source="2026-12-18 上证指数收盘价，两位小数"
    )
    for person in people:
        lotteries.lottery_enter(actor=person.user, member=person, lottery=lottery)
    return lottery


def test_lottery_drawn_by_gh_draw_1_once(on, staff, sms_sent):
    people = members_with_users(on.union_a1, 6)
    lottery = make_lottery(staff, on, people)
    with pytest.raises(ValidationError, match="一次"):
        lotteries.lottery_enter(actor=people[0].user, member=people[0], lottery=lottery)
    later = lottery.closes_at + datetime.timedelta(minutes=1)
    draws.lottery_freeze(actor=staff.reviewer, lottery=lottery, now=later)
    lottery.draw.refresh_from_db()
    run_draw(staff, lottery.draw)
    lottery.draw.refresh_from_db()
    assert draws.lottery_apply_draw(lottery=lottery) == 3
    # The same result as the pure function on the published list and seed.
    expected = engine.run_draw(lottery.draw.list_text, SEED, [("手机", 1), ("电影票", 2)])
    entries = {e.number: e for e in Entry.objects.filter(lottery=lottery)}
    assert [entries[n].prize.name for n in expected.prizes["手机"]] == ["手机"]
    assert {entries[n].status for n in expected.waiting} == {EntryStatus.WAITING}
    assert Voucher.objects.filter(prize__lottery=lottery).count() == 3
    assert sum("恭喜" in text for _mobile, text in sms_sent) == 3
    with pytest.raises(ValidationError, match="不能重新"):
        draws.lottery_apply_draw(lottery=lottery)
    assert Voucher.objects.filter(prize__lottery=lottery).count() == 3


def test_voucher_redeemed_once_by_its_partner_only_and_expiry_passes_it_on(on, staff, sms_sent):
    shop = Partner.objects.create(org=on.county, name="影城")
    clerk = UserFactory(role=Role.PARTNER, org=on.county)
    shop.users.add(clerk)
    stranger = UserFactory(role=Role.PARTNER, org=on.county)
    Partner.objects.create(org=on.county, name="甜品店").users.add(stranger)
    people = members_with_users(on.union_a1, 5)
    lottery = make_lottery(staff, on, people, partner=shop, stock=(1, 1))
    draws.lottery_freeze(
        actor=staff.reviewer, lottery=lottery, now=lottery.closes_at + datetime.timedelta(1)
    )
    lottery.draw.refresh_from_db()
    run_draw(staff, lottery.draw)
    lottery.draw.refresh_from_db()
    draws.lottery_apply_draw(lottery=lottery)
    first, second = Voucher.objects.order_by("prize__position")
    with pytest.raises(PermissionDenied):
        lotteries.voucher_redeem(actor=stranger, code=first.code)
    with pytest.raises(PermissionDenied):
        lotteries.voucher_redeem(actor=staff.admin, code=first.code)
    lotteries.voucher_redeem(actor=clerk, code=first.code.lower())
    with pytest.raises(ValidationError, match="已兑换过"):
        lotteries.voucher_redeem(actor=clerk, code=first.code)
    assert Prize.objects.get(pk=first.prize_id).redeemed == 1
    # The second voucher is never redeemed: after its validity it passes to the waiting list.
    later = second.valid_until + datetime.timedelta(minutes=1)
    assert lotteries.vouchers_expire(now=later) == 1
    second.refresh_from_db()
    assert second.status == VoucherStatus.EXPIRED
    successor = Voucher.objects.get(prize=second.prize, status=VoucherStatus.ISSUED)
    first_waiting = Entry.objects.filter(lottery=lottery, rank__isnull=False).order_by("rank")[2]
    assert successor.entry == first_waiting
    assert sms_sent[-1][0] == first_waiting.member.mobile
    with pytest.raises(ValidationError, match="过期"):
        lotteries.voucher_redeem(actor=clerk, code=second.code, now=later)


def test_over_subscribed_batch_goes_by_draw_and_a_rerun_is_refused(on, staff, sms_sent):
    prog = programme(staff.reviewer, on.county, allocation=Allocation.DRAW, seed_source="指数")
    the_batch = batch(staff.reviewer, prog, places=2)
    people = members_with_users(on.union_a1, 5)
    for person in people:
        regs.registration_apply(actor=person.user, member=person, batch=the_batch)
    assert not Registration.objects.exclude(status=RegStatus.APPLIED).exists()
    closed = prog.closes_at + datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="抽签"):
        allocation.programme_allocate(actor=staff.reviewer, programme=prog, now=closed)
    (pool,) = draws.programme_draws_freeze(actor=staff.reviewer, programme=prog, now=closed)
    pool.draw.refresh_from_db()
    run_draw(staff, pool.draw)
    assert allocation.programme_allocate(actor=staff.reviewer, programme=prog, now=closed) == 2
    pool.draw.refresh_from_db()
    order = [int(ref) for ref in pool.draw.entrants.order_by("rank").values_list("ref", flat=True)]
    statuses = [Registration.objects.get(pk=pk).status for pk in order]
    assert statuses == ["offered", "offered", "applied", "applied", "applied"]
    assert [Registration.objects.get(pk=pk).rank for pk in order[2:]] == [1, 2, 3]
    assert sum("候补名单第" in text for _m, text in sms_sent) == 3
    with pytest.raises(ValidationError, match="不能重新分配"):
        allocation.programme_allocate(actor=staff.reviewer, programme=prog, now=closed)
    assert Pool.objects.get(pk=pool.pk).taken == 2
    # A declined place goes to the first of the draw's waiting list.
    winner = Registration.objects.get(pk=order[0])
    regs.registration_decline(actor=winner.member.user, registration=winner)
    assert Registration.objects.get(pk=order[2]).status == RegStatus.OFFERED


def test_the_draw_page_cannot_freeze_a_lottery_still_open(on, staff):
    people = members_with_users(on.union_a1, 2)
    lottery = make_lottery(staff, on, people)
    with pytest.raises(ValidationError, match="参与截止后"):
        draw_services.draw_freeze_from_source(actor=staff.reviewer, draw=lottery.draw)
    lottery.draw.refresh_from_db()
    assert lottery.draw.frozen_at is None and not lottery.draw.entrants.exists()
