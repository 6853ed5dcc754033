"""Demo patrols for the demo federation, after seed 001 (Wenzhou Lucheng's 平安乐巡 and its
平安厂区职工专线): five routes through industrial areas, three slots a day, a month of history
(patrols approved, a few no-shows, rejections and patrols waiting for review) and the next
three days open for 抢单. The demo member holds a place tomorrow evening and has patrols in
their history (their approved ones earned points in the ledger).

Written with bulk_create: the month of history is a few thousand rows. Idempotent: nothing is
added when the federation already has routes."""

import datetime
import random
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.consent.models import How, PublicationConsent
from gonghui.orgs.models import Member, Organisation
from gonghui.patrol import rewards
from gonghui.patrol.models import (
    HOLDING,
    Checkpoint,
    Event,
    Pass,
    Patrol,
    Route,
    Slot,
    Status,
)
from gonghui.patrol.services.walking import consent_text

# (organiser's code, route, area, auto-approve, start (lat, lng), checkpoints and their steps
# in metres north/east of the start)
ROUTES = [
    ("LQ", "平安厂区职工专线·汽摩配城", "路桥街道", False, (28.5823, 121.3658),
     [("汽摩配城东门", 0, 0), ("滨河路口", 320, 40), ("配件仓储区", 560, 380),
      ("职工宿舍区", 300, 720), ("园区南门", -40, 560)]),
    ("LQ01", "路桥街道·商贸城夜巡线", "路桥街道", False, (28.5771, 121.3752),
     [("商贸城北门", 0, 0), ("物流中转站", 280, 260), ("公交枢纽", 520, 120),
      ("商贸城西门", 260, -180)]),
    ("LQ05", "峰江街道·再生金属园区线", "峰江街道", True, (28.5436, 121.3312),
     [("园区管委会", 0, 0), ("金属回收一区", 350, 200), ("污水处理站", 420, 600),
      ("园区东卡口", 90, 780)]),
    ("LQ07", "横街镇·塑料城平安线", "横街镇", False, (28.5519, 121.2885),
     [("塑料城广场", 0, 0), ("注塑厂区", -300, 250), ("原料市场", -150, 620),
      ("镇工会服务站", 180, 480)]),
    ("LQ09", "金清镇·工业园区巡线", "金清镇", False, (28.5190, 121.4950),
     [("工业园大门", 0, 0), ("机电产业园", 400, 150), ("港口物流区", 650, 520),
      ("园区消防站", 300, 700)]),
]  # fmt: skip
TIMES = [(8, 10), (14, 16), (19, 21)]
CAPACITY = 5
HISTORY_DAYS = 30
AHEAD_DAYS = 3
M_PER_DEG_LAT = 111_320


def _offset(lat, lng, north, east):
    import math

    return (
        Decimal(f"{lat + north / M_PER_DEG_LAT:.6f}"),
        Decimal(f"{lng + east / (M_PER_DEG_LAT * math.cos(math.radians(lat))):.6f}"),
    )


def load(orgs) -> None:
    federation = orgs["federation"]
    if Route.objects.filter(org__path__startswith=federation.path).exists():
        return
    rng = random.Random(20261205)
    reviewer = User.objects.filter(username="town").first() or User.objects.get(username="reviewer")
    demo_member = orgs["member"]
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    now = timezone.now()

    routes = []
    for code, name, area, auto, (lat, lng), points in ROUTES:
        org = Organisation.objects.get(code=code)
        the_route = Route.objects.create(org=org, name=name, area=area, auto_approve=auto)
        Checkpoint.objects.bulk_create(
            Checkpoint(route=the_route, position=n, name=cp, radius=100,
                       **dict(zip(("lat", "lng"), _offset(lat, lng, north, east), strict=True)))
            for n, (cp, north, east) in enumerate(points, start=1)
        )  # fmt: skip
        routes.append(the_route)

    slots = []
    for the_route in routes:
        for back in range(-HISTORY_DAYS, AHEAD_DAYS + 1):
            day = today + datetime.timedelta(days=back)
            for start, end in TIMES:
                slots.append(
                    Slot(
                        route=the_route, date=day, capacity=CAPACITY,
                        starts_at=datetime.datetime.combine(day, datetime.time(start), tzinfo=tz),
                        ends_at=datetime.datetime.combine(day, datetime.time(end), tzinfo=tz),
                    )
                )  # fmt: skip
    Slot.objects.bulk_create(slots)
    slots = list(Slot.objects.filter(route__in=routes).select_related("route__org"))
    checkpoints = {r.pk: list(r.checkpoints.all()) for r in routes}

    pools = {}
    for the_route in routes:
        pools[the_route.pk] = list(
            Member.objects.filter(union__path__startswith=the_route.org.path)
            .exclude(pk=demo_member.pk)
            .order_by("id")
            .values_list("pk", flat=True)[:400]
        )
    # The demo member: approved patrols, one rejected (appealable), one waiting, one ahead.
    home = demo_member.union.path
    mine = sorted(
        (s for s in slots if s.route_id == routes[0].pk and s.ends_at <= now
         and s.starts_at.astimezone(tz).hour == 19),
        key=lambda s: s.starts_at,
    )  # fmt: skip
    mine = list(zip(mine[-1:-13:-3], [Status.APPROVED, Status.APPROVED,
                                     Status.REJECTED, Status.REVIEW], strict=False))  # fmt: skip
    reserved = {the_slot.pk for the_slot, _status in mine}  # a place kept for the demo member
    used: dict[datetime.date, set[int]] = {}
    patrols, plans = [], []
    for the_slot in sorted(slots, key=lambda s: s.starts_at):
        if the_slot.ends_at > now:
            continue
        people = [
            p for p in pools[the_slot.route_id] if p not in used.setdefault(the_slot.date, set())
        ]
        places = CAPACITY - 1 if the_slot.pk in reserved else CAPACITY
        for person in rng.sample(people, min(len(people), rng.randint(2, places))):
            used[the_slot.date].add(person)
            roll = rng.random()
            status = (Status.APPROVED if roll < 0.82 else Status.NO_SHOW if roll < 0.9
                      else Status.REJECTED if roll < 0.94 else Status.REVIEW)  # fmt: skip
            patrols.append(_patrol(the_slot, person, status, rng))
            plans.append(status)
    for the_slot, status in mine:
        patrols.append(_patrol(the_slot, demo_member.pk, status, rng))
    Patrol.objects.bulk_create(patrols)
    _history(patrols, checkpoints, reviewer, rng)
    taken: dict[int, int] = {}
    for patrol in patrols:
        if patrol.status in HOLDING or patrol.status == Status.NO_SHOW:
            taken[patrol.slot_id] = taken.get(patrol.slot_id, 0) + 1
    ahead = next(
        s for s in slots
        if s.date == today + datetime.timedelta(days=1) and home.startswith(s.route.org.path)
        and s.starts_at.astimezone(tz).hour == 19
    )  # fmt: skip
    held = Patrol.objects.create(slot=ahead, route=ahead.route, member=demo_member,
                                 day=ahead.date, status=Status.HELD)  # fmt: skip
    Event.objects.create(patrol=held, action="grab", to_status=Status.HELD, actor=demo_member.user)
    taken[ahead.pk] = taken.get(ahead.pk, 0) + 1
    for slot_id, count in taken.items():
        Slot.objects.filter(pk=slot_id).update(taken=min(count, CAPACITY))
    if demo_member.user_id:
        PublicationConsent.objects.create(
            member=demo_member, service="patrol", object_id=demo_member.pk, text=consent_text(),
            fields=["position", "accuracy", "time"], how=How.SELF, recorded_by=demo_member.user,
        )  # fmt: skip
    for patrol in Patrol.objects.filter(member=demo_member, status=Status.APPROVED):
        rewards.earn_for(patrol, actor=reviewer)


def _patrol(the_slot, member_id, status, rng) -> Patrol:
    patrol = Patrol(slot=the_slot, route=the_slot.route, member_id=member_id,
                    day=the_slot.date, status=status)  # fmt: skip
    if status != Status.NO_SHOW:
        patrol.started_at = the_slot.starts_at + datetime.timedelta(minutes=rng.randint(-10, 10))
        walked = rng.randint(100, 135) if status == Status.APPROVED else rng.randint(45, 90)
        patrol.finished_at = patrol.started_at + datetime.timedelta(minutes=walked)
        if status in (Status.REVIEW, Status.REJECTED):
            patrol.reasons = [f"不足预计时长 120 分钟的 80%（实际 {walked} 分钟）"]
    return patrol


def _history(patrols, checkpoints, reviewer, rng) -> None:
    events, passes = [], []
    for patrol in patrols:
        grabbed = patrol.slot.starts_at - datetime.timedelta(hours=rng.randint(4, 60))
        events.append(Event(patrol=patrol, action="grab", to_status=Status.HELD,
                            actor_id=None, at=grabbed))  # fmt: skip
        if patrol.status == Status.NO_SHOW:
            events.append(Event(patrol=patrol, action="no_show", from_status=Status.HELD,
                                to_status=Status.NO_SHOW, at=patrol.slot.ends_at))  # fmt: skip
            continue
        events.append(Event(patrol=patrol, action="start", from_status=Status.HELD,
                            to_status=Status.STARTED, at=patrol.started_at))  # fmt: skip
        events.append(Event(patrol=patrol, action="finish", from_status=Status.STARTED,
                            to_status=Status.REVIEW, at=patrol.finished_at))  # fmt: skip
        if patrol.status in (Status.APPROVED, Status.REJECTED):
            action = "approve" if patrol.status == Status.APPROVED else "reject"
            events.append(Event(
                patrol=patrol, action=action, from_status=Status.REVIEW, to_status=patrol.status,
                actor=reviewer, at=patrol.finished_at + datetime.timedelta(hours=rng.randint(2, 20)),
                note="" if action == "approve" else "巡逻时长不足，照片与点位不符",
            ))  # fmt: skip
        cps = checkpoints[patrol.route_id]
        walked = (patrol.finished_at - patrol.started_at) / max(len(cps) - 1, 1)
        for index, cp in enumerate(cps):
            passes.append(Pass(
                patrol=patrol, checkpoint=cp, method=Pass.Method.GPS,
                lat=cp.lat + Decimal(f"{rng.uniform(-0.0003, 0.0003):.6f}"),
                lng=cp.lng + Decimal(f"{rng.uniform(-0.0003, 0.0003):.6f}"),
                accuracy=rng.randint(5, 35), distance=rng.randint(3, 40),
                reported_at=patrol.started_at + walked * index,
            ))  # fmt: skip
    times = [event.at for event in events]
    Event.objects.bulk_create(events, batch_size=2000)
    for event, moment in zip(events, times, strict=True):
        event.at = moment  # auto_now_add stamped the time of loading
    Event.objects.bulk_update(events, ["at"], batch_size=2000)
    Pass.objects.bulk_create(passes, batch_size=2000)
    Pass.objects.filter(patrol__route__in={p.route_id for p in patrols}).update(at=F("reported_at"))
