"""What each role may do with patrols. Pages, API endpoints and services ask these."""

from gonghui.accounts import roles
from gonghui.accounts.models import Role

ORGANISERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
REVIEWERS = frozenset({Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
READERS = ORGANISERS | {Role.COUNTY_FINANCE, Role.AUDITOR}


def _staff_in(user, allowed) -> bool:
    return roles.is_staff(user) and user.role in allowed


def can_read(user) -> bool:
    return _staff_in(user, READERS)


def can_organise(user) -> bool:
    """Routes, checkpoints, slots and imports of one's subtree."""
    return _staff_in(user, ORGANISERS)


def can_review(user) -> bool:
    """Approve or reject patrols of routes in one's subtree."""
    return _staff_in(user, REVIEWERS)


def can_set_rules(user) -> bool:
    return _staff_in(user, {Role.COUNTY_ADMIN}) and user.org.parent_id is None
