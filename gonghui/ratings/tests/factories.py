import datetime

from gonghui.ratings import services
from gonghui.ratings.defaults import ALL_ITEMS, default_rules


def make_programme(staff, tree, **extra):
    options = {"code": "sanxing", "name": "三型工会", "notice_days": 0}
    options.update(extra)
    return services.programme_create(actor=staff.admin, federation=tree.county, **options)


def lines(items=ALL_ITEMS, day=None):
    day = day or datetime.date(2026, 3, 1)
    return [{"item": item, "date": day, "quantity": quantity} for item, quantity in items]


def named(staff, programme, refuse_audit=False):
    """An application by union A1 taken all the way to a title."""
    application = services.application_apply(
        actor=staff.union_a1, programme=programme, lines=lines()
    )
    services.pre_assess(actor=staff.town_a, application=application)
    findings = [{"line": 6, "refused": True, "reason": "无审查记录"}] if refuse_audit else []
    services.inspect(
        actor=staff.reviewer,
        application=application,
        date="2026-04-01",
        inspectors="张三、李四",
        findings=findings,
    )
    services.start_notice(actor=staff.admin, application=application)
    return services.name_title(actor=staff.admin, application=application)


__all__ = ["ALL_ITEMS", "default_rules"]
