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
# Helpers of the union grid (gonghui.grid): not staff of the tree (no subtree pages), they see
# what gonghui.grid.selectors gives them; both see parties' full data, so both pass TOTP.
GRID_HELPERS = frozenset({Role.GRID_MEMBER, Role.LAWYER})
AUDIT_READERS = frozenset({Role.AUDITOR, Role.COUNTY_ADMIN})
# Who resets a colleague's forgotten password (see can_reset_password).
PASSWORD_RESETTERS = frozenset({Role.COUNTY_ADMIN, Role.TOWN_STAFF})


def is_staff(user) -> bool:
    return user.is_authenticated and user.role in STAFF_ROLES and user.org_id is not None


def is_partner(user) -> bool:
    """A partner merchant's staff (not staff of the union: no organisation subtree to see;
    gonghui.activities scopes them to their own prizes)."""
    return user.is_authenticated and user.role == Role.PARTNER


def is_grid_helper(user) -> bool:
    return user.is_authenticated and user.role in GRID_HELPERS and user.org_id is not None


def is_member(user) -> bool:
    return user.is_authenticated and user.role == Role.MEMBER


def needs_second_factor(user) -> bool:
    """Every role that sees full sensitive data (ID numbers, bank cards, diagnoses): the
    county roles and the union and town staff who keep the rosters; and anyone the Django
    admin lets in. The auditor reads masked data and the audit log only."""
    return (
        getattr(user, "role", None) in SENSITIVE_READERS
        or getattr(user, "role", None) in GRID_HELPERS
        or getattr(user, "is_staff", False)
        or getattr(user, "is_superuser", False)
    )


def can_edit_members(user) -> bool:
    return is_staff(user) and user.role in MEMBER_EDITORS


def can_view_sensitive(user) -> bool:
    return is_staff(user) and user.role in SENSITIVE_READERS


def can_read_audit_log(user) -> bool:
    return is_staff(user) and user.role in AUDIT_READERS


def can_reset_passwords(user) -> bool:
    """Whether the user administers anyone's account (the staff accounts page)."""
    return is_staff(user) and user.role in PASSWORD_RESETTERS


def can_reset_password(actor, target) -> bool:
    """The administrator of the target's subtree: a county administrator for every staff
    account in their subtree; town staff for the grassroots union staff below their town,
    whom they already onboard and whose members they keep (a union clerk's forgotten
    password should not wait for the county). Nobody resets their own (they change it),
    nor an account the Django admin lets in (that would hand over more than their role)."""
    if not (can_reset_passwords(actor) and is_staff(target)) or actor.pk == target.pk:
        return False
    if target.is_superuser or target.is_staff:
        return False
    if not target.org.path.startswith(actor.org.path):
        return False
    if actor.role == Role.COUNTY_ADMIN:
        return True
    return target.role == Role.UNION_STAFF and target.org_id != actor.org_id
