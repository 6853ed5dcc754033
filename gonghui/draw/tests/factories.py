"""Draws for tests, built through the services."""

import datetime

from django.utils import timezone

from gonghui.draw import services

SOURCE = "2026-12-18 上证指数收盘价，保留两位小数"


def people(n: int, prefix="m"):
    return [(f"{prefix}{i}", f"会员{i:04d}", f"139{i:08d}") for i in range(1, n + 1)]


def created(actor, org, prizes=(("一等奖", 2), ("二等奖", 3)), title="2026 年普惠抽奖"):
    return services.draw_create(actor=actor, org=org, title=title, purpose="测试", prizes=prizes)


def announced(actor, org, **kwargs):
    draw = created(actor, org, **kwargs)
    return services.draw_announce_seed_source(actor=actor, draw=draw, text=SOURCE)


def frozen(actor, org, n=12, **kwargs):
    draw = announced(actor, org, **kwargs)
    # the announcement must be strictly earlier than the freeze
    draw.seed_source_at = timezone.now() - datetime.timedelta(seconds=1)
    draw.save(update_fields=["seed_source_at"])
    return services.draw_freeze(actor=actor, draw=draw, entrants=people(n))


def confirmed(staff, org, n=12, seed="3356.78", **kwargs):
    draw = frozen(staff.reviewer, org, n=n, **kwargs)
    draw = services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed=seed)
    return services.draw_confirm_seed(actor=staff.admin, draw=draw, seed=seed)


def drawn(staff, org, n=12, **kwargs):
    draw = confirmed(staff, org, n=n, **kwargs)
    return services.draw_run(actor=staff.admin, draw=draw)
