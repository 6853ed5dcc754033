"""What each role may do. Pages and API endpoints ask these; they never test roles inline."""

from gonghui.accounts.models import Role

STAFF_ROLES = frozenset(
    {
        Role.UNION_STAFF,
        Role.TOWN_STAFF,
        Role.COUNTY_REVIEWER,
        Role.COUNTY_FINANCE,
        Role.COUNTY_ADMIN,
        Role.AUDITOR,
    }
)
COUNTY_ROLES = frozenset({Role.COUNTY_REVIEWER, Role.COUNTY_FINANCE, Role.COUNTY_ADMIN})
MEMBER_EDITORS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_ADMIN})
SENSITIVE_READERS = frozenset(
    {
        Role.UNION_STAFF,
        Role.TOWN_STAFF,
        Role.COUNTY_REVIEWER,
        Role.COUNTY_FINANCE,
        Role.COUNTY_ADMIN,
    }
)
AUDIT_READERS = frozenset({Role.AUDITOR, Role.COUNTY_ADMIN})


def is_staff(user) -> bool:
    return user.is_authenticated and user.role in STAFF_ROLES and user.org_id is not None


def is_member(user) -> bool:
    return user.is_authenticated and user.role == Role.MEMBER


def needs_second_factor(user) -> bool:
    """County roles, and anyone the Django admin lets in."""
    return (
        getattr(user, "role", None) in COUNTY_ROLES
        or getattr(user, "is_staff", False)
        or getattr(user, "is_superuser", False)
    )


def can_edit_members(user) -> bool:
    return is_staff(user) and user.role in MEMBER_EDITORS


def can_view_sensitive(user) -> bool:
    return is_staff(user) and user.role in SENSITIVE_READERS


def can_read_audit_log(user) -> bool:
    return is_staff(user) and user.role in AUDIT_READERS
