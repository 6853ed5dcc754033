import datetime
import zoneinfo

from gonghui.accounts.models import Role
from gonghui.deadlines.models import Unit
from gonghui.deadlines.services import TOP, Step, deadline_open

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=0, minute=0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


LADDER = (
    Step(level=1, roles=(Role.TOWN_STAFF,), up=1, late_days=0),
    Step(level=2, roles=(Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER), up=TOP, late_days=2),
)


def open_deadline(org, *, object_id=1, unit=Unit.WORKING_DAYS, amount=3, starts_at=None,
                  ladder=LADDER, **fields):  # fmt: skip
    return deadline_open(
        owner="tests.thing",
        object_id=object_id,
        purpose="act",
        title=f"Thing {object_id}",
        org=org,
        unit=unit,
        amount=amount,
        ladder=ladder,
        starts_at=starts_at or at(2026, 12, 4, 10),  # a Friday
        **fields,
    )
