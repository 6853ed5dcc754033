"""What each role may do with activities and lotteries. Pages, API endpoints and services ask
these; the registration's steps themselves are governed by workflow.py."""

from gonghui.accounts import roles
from gonghui.accounts.models import Role

ORGANISERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
NOMINATORS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF})
APPROVERS = frozenset({Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
READERS = ORGANISERS | {Role.COUNTY_FINANCE, Role.AUDITOR}


def _staff_in(user, allowed) -> bool:
    return roles.is_staff(user) and user.role in allowed


def can_read(user) -> bool:
    return _staff_in(user, READERS)


def can_organise(user) -> bool:
    """Create programmes, batches and lotteries for one's subtree; check members in."""
    return _staff_in(user, ORGANISERS)


def can_nominate(user) -> bool:
    return _staff_in(user, NOMINATORS)


def can_approve(user) -> bool:
    """Approve nominations, allocate over-subscribed programmes, run draws."""
    return _staff_in(user, APPROVERS)


def is_partner(user) -> bool:
    return roles.is_partner(user)


def partner_ids(user) -> list[int]:
    if not is_partner(user):
        return []
    return list(user.activity_partners.values_list("pk", flat=True))
