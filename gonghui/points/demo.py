"""Demo points and coin shop for the demo federation, after seed 001 (Wenzhou Lucheng): a
month of patrol points for some forty members (20 points a patrol, keys `demo:patrol:…`,
which the patrol app's own keys never take), conversions at 10 points a coin, the shop (a
two-day 楠溪江 recuperation voucher in a batch's pool reserved for vouchers, a year of
accident cover, goods), some redemptions, a refund, a correction waiting for its second pair
of eyes. The demo member has points to convert and coins to spend.

Idempotent: nothing is added when the federation already has products."""

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.activities.models import Allocation, Kind
from gonghui.activities.services import programmes
from gonghui.orgs.models import Member
from gonghui.points.models import Entry, EntryKind, Product, ProductKind, Rate
from gonghui.points.services import adjust, catalogue, conversion, ledger

ROUTES = ["工业园区东线", "鹿城轻工园区线", "双屿鞋都巡线", "滨江商务区线"]


def _product(org, kind, name, price, stock, today, **fields):
    return catalogue.product_create(
        actor=None,
        org=org,
        kind=kind,
        name=name,
        price=price,
        stock=stock,
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=150),
        **fields,
    )


def _backdate(key, when) -> None:
    Entry.objects.filter(key=key).update(created_at=when)


def load(orgs) -> None:
    federation = orgs["federation"]
    if Product.objects.filter(org=federation).exists():
        return
    rng = random.Random(20261206)
    today = timezone.localdate()
    now = timezone.now()
    reviewer = User.objects.get(username="reviewer")
    Rate.objects.create(
        federation=federation,
        version=1,
        points_per_coin=conversion.DEFAULT_POINTS_PER_COIN,
        valid_from=today - datetime.timedelta(days=90),
    )
    trip = programmes.programme_create(
        actor=reviewer,
        org=federation,
        kind=Kind.RECUPERATION,
        title="楠溪江两日职工疗休养（平安乐巡）",
        description="平安乐巡志愿者疗休养，乐巡币兑换名额另有保留。",
        opens_at=now - datetime.timedelta(days=5),
        closes_at=now + datetime.timedelta(days=25),
        allocation=Allocation.FIRST_COME,
    )
    starts = today + datetime.timedelta(days=30)
    batch = programmes.batch_add(
        actor=reviewer,
        programme=trip,
        name="第1批",
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=1),
        place="永嘉楠溪江",
        places=40,
    )
    voucher = _product(
        federation, ProductKind.VOUCHER, "楠溪江两日疗休养券", 15, 10, today, batch=batch,
        description="兑换即报名楠溪江两日疗休养（乐巡币保留名额）。",
    )  # fmt: skip
    cover = _product(
        federation, ProductKind.MUTUAL_AID, "职工意外伤害保障一年", 10, 200, today,
        description="总工会赠送的一年意外伤害互助保障，兑换后记入“医疗互助”页。",
    )  # fmt: skip
    cup = _product(
        federation, ProductKind.GOODS, "平安乐巡保温杯", 5, 100, today, per_member_limit=3
    )
    umbrella = _product(
        federation, ProductKind.GOODS, "反光雨伞", 3, 150, today, per_member_limit=3
    )

    demo_member = orgs["member"]
    members = list(
        Member.objects.filter(union__path__startswith=federation.path, status="active")
        .exclude(pk=demo_member.pk)
        .order_by("id")[:400]
    )
    patrollers = [demo_member, *rng.sample(members, 40)]
    for person in patrollers:
        count = 12 if person.pk == demo_member.pk else rng.randint(2, 10)
        days = sorted(rng.sample(range(1, 31), count))
        for day in days:
            key = f"demo:patrol:{person.pk}:{day}"
            ledger.post(
                member=person,
                kind=EntryKind.EARN,
                key=key,
                reason=f"平安乐巡 · {rng.choice(ROUTES)} 19:00–21:00",
                points=20,
                source="patrol",
            )
            _backdate(key, now - datetime.timedelta(days=day, hours=rng.randint(0, 3)))
    for number, person in enumerate(patrollers):
        earned = ledger.balance(person)["points"]
        keep = 140 if person.pk == demo_member.pk else rng.choice([0, 20, 40])
        convert = (earned - keep) // 10 * 10
        if convert < 10:
            continue
        key = f"demo:convert:{person.pk}"
        conversion.convert(member=person, points=convert, key=key)
        _backdate(key, now - datetime.timedelta(days=5))
        choice = [cup, umbrella, cover, None][number % 4]
        if person.pk == demo_member.pk:
            choice = cup
        if choice is not None and ledger.balance(person)["coins"] >= choice.price:
            try:
                catalogue.redeem(member=person, product=choice, key=f"demo:redeem:{person.pk}")
            except ValidationError:  # a demo member the product does not fit
                continue
    for person in patrollers[1:4]:
        if ledger.balance(person)["coins"] >= voucher.price:
            try:
                catalogue.redeem(member=person, product=voucher, key=f"demo:voucher:{person.pk}")
            except ValidationError:  # not eligible for the batch
                continue
    order = cup.orders.exclude(member=demo_member).first()
    if order is not None:
        catalogue.order_refund(actor=None, order=order, reason="商品缺货")
    town = User.objects.filter(username="town").first()
    if town is not None:
        target = Member.objects.filter(union__path__startswith=town.org.path).first()
        if target is not None:
            adjust.adjust_request(
                actor=town, member=target, points=20, reason="补记 11 月漏记的一次巡逻"
            )
            adjust.adjust_request(
                actor=town, member=target, points=200, reason="年度优秀巡逻志愿者奖励"
            )
