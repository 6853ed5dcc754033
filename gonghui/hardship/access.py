"""What each role may do with hardship files. Pages, API endpoints and services ask these;
the lifecycle steps themselves are governed by the transitions table in workflow.py."""

from gonghui.accounts import roles
from gonghui.accounts.models import Role

FILE_KEEPERS = frozenset(
    {Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN}
)
AID_RECORDERS = FILE_KEEPERS | {Role.COUNTY_FINANCE}
CAMPAIGN_MANAGERS = frozenset({Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
STANDARD_KEEPERS = frozenset({Role.TOWN_STAFF, Role.COUNTY_ADMIN})
LIMIT_KEEPERS = frozenset({Role.COUNTY_ADMIN})
IMPORTERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_ADMIN})


def _staff_in(user, allowed) -> bool:
    return roles.is_staff(user) and user.role in allowed


def can_keep_files(user) -> bool:
    """Edit the household, family and attachments; pair cadres with workers."""
    return _staff_in(user, FILE_KEEPERS)


def can_record_aid(user) -> bool:
    return _staff_in(user, AID_RECORDERS)


def can_manage_campaigns(user) -> bool:
    return _staff_in(user, CAMPAIGN_MANAGERS)


def can_keep_standards(user) -> bool:
    return _staff_in(user, STANDARD_KEEPERS)


def can_keep_limits(user) -> bool:
    return _staff_in(user, LIMIT_KEEPERS)


def can_import(user) -> bool:
    return _staff_in(user, IMPORTERS)


def can_reveal(user) -> bool:
    """See full ID numbers and bank cards on a file (each time logged)."""
    return roles.can_view_sensitive(user)
