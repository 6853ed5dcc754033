"""Who may do what with the calendar and deadlines."""

from gonghui.accounts import roles
from gonghui.accounts.models import Role

CALENDAR_KEEPERS = frozenset({Role.COUNTY_ADMIN})
EXTENDERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})


def can_keep_calendar(user) -> bool:
    return roles.is_staff(user) and user.role in CALENDAR_KEEPERS


def can_extend(user) -> bool:
    return roles.is_staff(user) and user.role in EXTENDERS
