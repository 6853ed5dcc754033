"""Who may do what with claims. Pages and API endpoints ask these; which claims a person
reaches is decided by selectors.claims_visible_to (through the registry's scoping)."""

from gonghui.accounts import roles
from gonghui.accounts.models import Role

REVIEWERS = frozenset({Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
PAYERS = frozenset({Role.COUNTY_FINANCE})
# Staff who file at a service window on a member's behalf.
WINDOW_FILERS = frozenset(
    {Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN}
)
TEMPLATE_EDITORS = frozenset({Role.COUNTY_ADMIN})


def can_review(user) -> bool:
    return roles.is_staff(user) and user.role in REVIEWERS


def can_pay(user) -> bool:
    """Build payout batches, export the transfer file, mark lines paid or failed."""
    return roles.is_staff(user) and user.role in PAYERS


def can_file_for_members(user) -> bool:
    return roles.is_staff(user) and user.role in WINDOW_FILERS


def can_edit_templates(user) -> bool:
    return roles.is_staff(user) and user.role in TEMPLATE_EDITORS


def can_open_claims(user) -> bool:
    """A claim's page shows the diagnosis and the documents: sensitive data (PIPL)."""
    return roles.can_view_sensitive(user)
