"""Demo fair draws for the demo federation: one drawn (recuperation places for model workers,
re-runnable on its public page), one frozen and waiting for its seed (cinema tickets).
Written through the services, then moved back in time. Idempotent by title."""

import datetime

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.draw import services
from gonghui.draw.models import Draw, DrawEvent
from gonghui.orgs.models import Member

DRAWN_TITLE = "2026 年劳模疗休养名额抽签（演示）"
FROZEN_TITLE = "迎新春职工观影券抽奖（演示）"
SOURCE = "2026-12-01 上证指数（000001）收盘点位，按上海证券交易所公布值保留两位小数"


def _entrants(org, n):
    members = Member.objects.filter(union__path__startswith=org.path).order_by("id")[:n]
    return [(f"member:{m.pk}", m.name, m.mobile) for m in members]


def _backdate(draw, days_ago: dict[str, float]):
    now = timezone.now()
    fields = {}
    for field, days in days_ago.items():
        fields[field] = now - datetime.timedelta(days=days)
    Draw.objects.filter(pk=draw.pk).update(**fields)
    steps = {
        "create": "created_at",
        "announce": "seed_source_at",
        "freeze": "frozen_at",
        "enter_seed": "seed_entered_at",
        "confirm_seed": "seed_confirmed_at",
        "run": "drawn_at",
    }
    for action, field in steps.items():
        if field in fields:
            DrawEvent.objects.filter(draw=draw, action=action).update(at=fields[field])


def load(orgs) -> None:
    town = orgs["town"]
    organiser = User.objects.get(username="town")
    reviewer = User.objects.get(username="reviewer")
    second = User.objects.get(username="reviewer2")
    if not Draw.objects.filter(title=DRAWN_TITLE).exists():
        draw = services.draw_create(
            actor=organiser,
            org=town,
            title=DRAWN_TITLE,
            purpose="10 个疗休养名额，报名人数超过名额，按公开抽签确定；其余按抽签顺序候补。",
            prizes=[("疗休养名额", 10)],
        )
        draw = services.draw_announce_seed_source(actor=organiser, draw=draw, text=SOURCE)
        _backdate(draw, {"created_at": 12, "seed_source_at": 11})
        draw.refresh_from_db()
        draw = services.draw_freeze(actor=organiser, draw=draw, entrants=_entrants(town, 60))
        draw = services.draw_enter_seed(actor=reviewer, draw=draw, seed="3356.78")
        draw = services.draw_confirm_seed(actor=second, draw=draw, seed="3356.78")
        draw = services.draw_run(actor=reviewer, draw=draw)
        _backdate(
            draw,
            {"frozen_at": 8, "seed_entered_at": 3, "seed_confirmed_at": 2.9, "drawn_at": 2.8},
        )
    if not Draw.objects.filter(title=FROZEN_TITLE).exists():
        draw = services.draw_create(
            actor=organiser,
            org=town,
            title=FROZEN_TITLE,
            purpose="20 张电影票，每位会员限报一次。",
            prizes=[("电影票", 20)],
        )
        draw = services.draw_announce_seed_source(
            actor=organiser,
            draw=draw,
            text="2026-12-18 上证指数（000001）收盘点位，按上海证券交易所公布值保留两位小数",
        )
        _backdate(draw, {"created_at": 6, "seed_source_at": 5})
        draw.refresh_from_db()
        draw = services.draw_freeze(actor=organiser, draw=draw, entrants=_entrants(town, 80))
        _backdate(draw, {"frozen_at": 1})
