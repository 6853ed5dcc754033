"""Demo activities for the demo federation, after seed 002 (Yongkang 2018) and seeds 000/004:
a 1,000-place recuperation programme for frontline workers in 20 batches of 50 (the first
all to sanitation workers), a lottery with the seed's four prize tiers (2 phones, 2,250
cinema tickets, 1,800 dessert vouchers, 800 cups: 90,850 yuan), a small lottery already drawn
(vouchers to redeem at the partners), and a dozen activities, some open now, some held.

Programmes, batches and lotteries are made through the services as staff would; the
registrations of what already took place are written as history (their dates moved back).
Idempotent: nothing is added when the federation already has programmes."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db.models import F
from django.utils import timezone

from gonghui.accounts.models import Role, User
from gonghui.activities.models import (
    Allocation,
    Kind,
    MemberTag,
    Partner,
    Pool,
    Programme,
    Registration,
    RegistrationEvent,
    RegStatus,
    Tag,
)
from gonghui.activities.services import draws, lotteries, programmes
from gonghui.activities.services import registrations as regs
from gonghui.draw import services as draw_services
from gonghui.draw.models import Draw
from gonghui.hardship.models import AidType, Audience, CampaignKind, FundingSource
from gonghui.hardship.services import campaigns as campaign_services
from gonghui.orgs.models import Member, Organisation

SEED_TIERS = [
    ("手机", 2, Decimal("2500"), "县城数码城"),
    ("电影票", 2250, Decimal("25"), "县城星光影城"),
    ("甜品券", 1800, Decimal("12"), "甜心烘焙坊"),
    ("保温杯", 800, Decimal("10"), "县城数码城"),
]
# (title, kind of place, places, open now?, rule)
ACTIVITIES = [
    ("职工书法班（春季）", "县工人文化宫二楼", 30, True, {}),
    ("职工国画班", "县工人文化宫三楼", 25, True, {}),
    ("手机摄影培训", "县职工服务中心", 40, True, {}),
    ("甜品制作体验课", "甜心烘焙坊", 20, True, {}),
    ("青年职工单身联谊会", "东湖公园", 240, True, {"min_age": 22, "max_age": 35}),
    ("女职工两癌免费筛查", "区妇幼保健院", 3000, True, {"gender": "female"}),
    ("一线职工免费健康体检", "区人民医院体检中心", 500, True, {"required_tag": Tag.FRONTLINE}),
    ("职工礼仪培训", "县职工服务中心", 60, True, {}),
    ("秋季水果采摘", "橘乡采摘园", 80, False, {}),
    ("短视频制作培训", "县职工服务中心", 40, False, {}),
    ("职工插花沙龙", "县工人文化宫", 30, False, {}),
    ("“当一周工人”机关干部体验周", "区环卫所", 20, False, {}),
]


def _staff(username, role, org, label) -> User:
    from gonghui.core.management.commands.load_demo import DEMO_PASSWORD

    user, _created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "org": org,
            "display_name": label,
            "password": make_password(DEMO_PASSWORD),
        },
    )
    return user


def _fit(batch, candidates: list, count: int) -> list:
    """Up to `count` members taken out of `candidates` that fit the places left in their
    quota pool or the general pool."""
    left = {pool.pk: pool.places - pool.taken for pool in batch.pools.all()}
    chosen = []
    for member in list(candidates):
        pool = programmes.pool_for(batch, member)
        if left[pool.pk] > 0:
            left[pool.pk] -= 1
            chosen.append((member, pool))
            candidates.remove(member)
        if len(chosen) == count:
            break
    return chosen


def _history(programme, batch, members, status, when) -> int:
    """Registrations of a batch that already took place (written as history): `members` are
    (member, pool) pairs."""
    rows = Registration.objects.bulk_create(
        Registration(programme=programme, batch=batch, pool=pool, member=m, status=status)
        for m, pool in members
    )
    RegistrationEvent.objects.bulk_create(
        RegistrationEvent(registration=r, action=a, from_status=f, to_status=t)
        for r in rows
        for a, f, t in (("apply", "", "applied"), ("allot_now", "applied", "confirmed"))
        + ((("check_in", "confirmed", "checked_in"),) if status == "checked_in" else ())
        + ((("no_show", "confirmed", "no_show"),) if status == "no_show" else ())
    )
    Registration.objects.filter(pk__in=[r.pk for r in rows]).update(created_at=when)
    RegistrationEvent.objects.filter(registration__in=rows).update(at=when)
    for _member, pool in members:
        Pool.objects.filter(pk=pool.pk).update(taken=F("taken") + 1)
    return len(rows)


def _move_back(programme, days: int) -> None:
    shift = datetime.timedelta(days=days)
    Programme.objects.filter(pk=programme.pk).update(
        opens_at=F("opens_at") - shift, closes_at=F("closes_at") - shift
    )


def _summer_cooling(federation, today: datetime.date) -> None:
    """夏送清凉 to every outdoor worker: a member-wide distribution on the hardship campaign
    machinery (recipients picked by the member group, each gift recorded once)."""
    admin, finance = User.objects.get(username="admin"), User.objects.get(username="finance")
    campaign = campaign_services.campaign_create(
        actor=admin,
        org=federation,
        name="夏送清凉·户外职工",
        kind=CampaignKind.SUMMER_COOLING,
        year=today.year,
        budget=Decimal("80000"),
        aid_type=AidType.VISIT,
        funding_source=FundingSource.UNION_FUNDS,
        default_amount=Decimal("120"),
        goods="防暑降温礼包（绿豆、毛巾、藿香正气水、遮阳帽）",
        audience=Audience.MEMBERS,
        rule={"groups": [Tag.OUTDOOR]},
    )
    campaign_services.campaign_recipients_select(actor=admin, campaign=campaign)
    campaign_services.campaign_pay_all(
        actor=finance, campaign=campaign, given_on=min(datetime.date(today.year, 7, 20), today)
    )


def load(orgs) -> None:
    federation = orgs["federation"]
    if Programme.objects.filter(org=federation).exists():
        return
    rng = random.Random(20261205)
    reviewer = User.objects.get(username="reviewer")
    reviewer2 = User.objects.get(username="reviewer2")
    today = timezone.localdate()
    now = timezone.now()
    members = list(Member.objects.filter(union__path__startswith=federation.path).order_by("id"))
    demo_member = orgs["member"]
    others = [m for m in members if m.pk != demo_member.pk]
    rng.shuffle(others)
    sanitation, frontline = others[:120], others[120:1500]
    MemberTag.objects.bulk_create(MemberTag(member=m, tag=Tag.SANITATION) for m in sanitation)
    MemberTag.objects.bulk_create(
        MemberTag(member=m, tag=Tag.FRONTLINE) for m in sanitation + frontline + [demo_member]
    )
    outdoor = sanitation + frontline[:300]
    MemberTag.objects.bulk_create(MemberTag(member=m, tag=Tag.OUTDOOR) for m in outdoor)
    _summer_cooling(federation, today)

    # The 1,000-place recuperation programme: 20 batches of 50 in September and October.
    towns = list(Organisation.objects.filter(parent=federation).order_by("code"))
    recuperation = programmes.programme_create(
        actor=reviewer,
        org=federation,
        kind=Kind.RECUPERATION,
        title=f"{today.year}年千名一线职工免费疗休养",
        description="一线职工免费疗休养，每批5天；第一批全部安排环卫工人。",
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        self_apply=False,
    )
    start = datetime.date(today.year, 9, 1)
    places = ["千岛湖职工疗休养基地", "桐庐职工疗休养基地", "磐安职工疗休养基地"]
    pool_members = list(frontline)
    for number in range(1, 21):
        first = number == 1
        batch = programmes.batch_add(
            actor=reviewer,
            programme=recuperation,
            name=f"第{number}批",
            starts_on=start + datetime.timedelta(days=3 * (number - 1)),
            ends_on=start + datetime.timedelta(days=3 * (number - 1) + 4),
            place=places[number % 3],
            places=50,
            quotas={} if first else {town: 10 for town in towns[:2]},
            required_tag=Tag.SANITATION if first else Tag.FRONTLINE,
        )
        people = _fit(batch, list(sanitation) if first else pool_members, 50)
        if len(people) < 50:  # a town short of candidates: its unused quota goes general
            used = {}
            for _member, pool in people:
                used[pool.pk] = used.get(pool.pk, 0) + 1
            spare = 0
            for pool in batch.pools.filter(org__isnull=False):
                unused = pool.places - used.get(pool.pk, 0)
                Pool.objects.filter(pk=pool.pk).update(places=pool.places - unused, released_at=now)
                spare += unused
            Pool.objects.filter(batch=batch, org__isnull=True).update(places=F("places") + spare)
            general = batch.pools.get(org__isnull=True)
            general.taken = used.get(general.pk, 0)
            fits = [m for m in pool_members if programmes.pool_for(batch, m).pk == general.pk]
            for member in fits[: 50 - len(people)]:
                pool_members.remove(member)
                people.append((member, general))
        came, absent = people[:-1], people[-1:]
        when = timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
        for status, group in ((RegStatus.CHECKED_IN, came), (RegStatus.NO_SHOW, absent)):
            _history(recuperation, batch, group, status, when - datetime.timedelta(days=30))
    _move_back(recuperation, days=120)
    Programme.objects.filter(pk=recuperation.pk).update(allocated_at=now - datetime.timedelta(119))

    # A dozen activities: eight open now, four already held.
    for index, (title, place, count, open_now, rule) in enumerate(ACTIVITIES):
        draw_mode = count == 240
        programme = programmes.programme_create(
            actor=reviewer,
            org=federation,
            kind=Kind.ACTIVITY,
            title=title,
            opens_at=now - datetime.timedelta(days=2),
            closes_at=now + datetime.timedelta(days=12),
            allocation=Allocation.DRAW if draw_mode else Allocation.FIRST_COME,
            seed_source=(
                f"{today.year + 1}年1月5日上证指数收盘价（两位小数）" if draw_mode else ""
            ),
        )
        starts = (
            today + datetime.timedelta(days=20 + index)
            if open_now
            else today.replace(month=9 + index % 3, day=10 + index)
        )
        batch = programmes.batch_add(
            actor=reviewer,
            programme=programme,
            name="第一期",
            starts_on=starts,
            ends_on=starts + datetime.timedelta(days=1),
            place=place,
            places=count,
            **rule,
        )
        if open_now:
            for member in rng.sample(others, min(count // 3, 60)):
                if not programmes.ineligibility(batch, member):
                    regs.registration_apply(actor=None, member=member, batch=batch)
        else:
            people = _fit(batch, rng.sample(others[1500:], min(count, 60)), 60)
            when = timezone.make_aware(datetime.datetime.combine(starts, datetime.time(9)))
            _history(programme, batch, people[:-2], RegStatus.CHECKED_IN, when)
            _history(programme, batch, people[-2:], RegStatus.NO_SHOW, when)
            _move_back(programme, days=(today - starts).days + 20)
            Programme.objects.filter(pk=programme.pk).update(
                allocated_at=now - datetime.timedelta(days=(today - starts).days + 19)
            )

    # Partners and the seed's lottery (open for entries).
    partners = {}
    for _name, _count, _value, shop in SEED_TIERS:
        if shop not in partners:
            partners[shop] = Partner.objects.create(org=federation, name=shop)
    clerk = _staff("partner", Role.PARTNER, federation, "星光影城 · 核销员")
    partners["县城星光影城"].users.add(clerk)
    seed_lottery = lotteries.lottery_create(
        actor=reviewer,
        org=federation,
        title=f"{today.year}年职工福利抽奖（手机、电影票、甜品券、保温杯）",
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=10),
        prizes=[(n, c, v, partners[s]) for n, c, v, s in SEED_TIERS],
    )
    draws.lottery_draw_prepare(
        actor=reviewer,
        lottery=seed_lottery,
        seed_source=f"{(now + datetime.timedelta(days=11)):%Y年%m月%d日}上证指数收盘价（两位小数）",
    )
    for member in others[:400]:
        lotteries.lottery_enter(actor=None, member=member, lottery=seed_lottery)

    # A small lottery already drawn: vouchers to redeem at the cinema.
    past = lotteries.lottery_create(
        actor=reviewer,
        org=federation,
        title="三八节女职工观影抽奖",
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now - datetime.timedelta(minutes=5),
        prizes=[("电影票（双人）", 20, Decimal("60"), partners["县城星光影城"])],
        voucher_days=60,
    )
    draws.lottery_draw_prepare(actor=reviewer, lottery=past, seed_source="开奖日上证指数收盘价")
    # announced with the lottery, ten days ago (the history moved back, as entries below)
    Draw.objects.filter(pk=past.draw_id).update(seed_source_at=now - datetime.timedelta(days=10))
    past.draw.refresh_from_db()
    women = [m for m in others if m.gender == "female"][:60] + [demo_member]
    for member in women:
        lotteries.lottery_enter(
            actor=None, member=member, lottery=past, now=now - datetime.timedelta(days=1)
        )
    draws.lottery_freeze(actor=reviewer, lottery=past)
    past.draw.refresh_from_db()
    draw_services.draw_enter_seed(actor=reviewer, draw=past.draw, seed="3356.78")
    draw_services.draw_confirm_seed(actor=reviewer2, draw=past.draw, seed="3356.78")
    draw_services.draw_run(actor=reviewer, draw=past.draw)
    past.draw.refresh_from_db()
    draws.lottery_apply_draw(lottery=past)
