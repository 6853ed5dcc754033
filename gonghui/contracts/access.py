"""What each role may do with collective contracts and the March campaign."""

from gonghui.accounts import roles
from gonghui.accounts.models import Role

KEEPERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
READERS = KEEPERS | {Role.COUNTY_FINANCE, Role.AUDITOR}
CAMPAIGNERS = frozenset({Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})


def _staff_in(user, allowed) -> bool:
    return roles.is_staff(user) and user.role in allowed


def can_read(user) -> bool:
    return _staff_in(user, READERS)


def can_keep(user) -> bool:
    """Record contracts, file them, send 要约书 and record replies, in one's subtree."""
    return _staff_in(user, KEEPERS)


def can_open_campaign(user) -> bool:
    return _staff_in(user, CAMPAIGNERS) and user.org.parent_id is None
