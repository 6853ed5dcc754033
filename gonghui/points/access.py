"""What each role may do with the ledger and the catalogue."""

from gonghui.accounts import roles
from gonghui.accounts.models import Role

ADJUSTERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_FINANCE, Role.COUNTY_ADMIN})
APPROVERS = frozenset({Role.COUNTY_FINANCE, Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER})
MANAGERS = frozenset({Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
READERS = ADJUSTERS | APPROVERS | MANAGERS | {Role.AUDITOR}


def _staff_in(user, allowed) -> bool:
    return roles.is_staff(user) and user.role in allowed


def can_read(user) -> bool:
    return _staff_in(user, READERS)


def can_adjust(user) -> bool:
    return _staff_in(user, ADJUSTERS)


def can_approve(user) -> bool:
    """The second pair of eyes on an adjustment above the threshold."""
    return _staff_in(user, APPROVERS)


def can_manage(user) -> bool:
    """Products, stock, conversion rates; mark orders used."""
    return _staff_in(user, MANAGERS)


def sees_member(user, member) -> bool:
    return roles.is_staff(user) and member.union.path.startswith(user.org.path)
