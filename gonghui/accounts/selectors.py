"""Reads of staff accounts for their administrators (roles.can_reset_password decides who
may reset which)."""

from django.db.models import QuerySet

from gonghui.accounts import roles
from gonghui.accounts.models import AccountEvent, User


def staff_accounts_visible_to(user) -> QuerySet[User]:
    """Staff accounts of the user's subtree, for those who administer accounts."""
    if not roles.can_reset_passwords(user):
        return User.objects.none()
    return (
        User.objects.filter(role__in=roles.STAFF_ROLES, org__path__startswith=user.org.path)
        .select_related("org")
        .order_by("org__path", "username")
    )


def account_events_visible_to(user) -> QuerySet[AccountEvent]:
    return AccountEvent.objects.filter(user__in=staff_accounts_visible_to(user)).select_related(
        "user", "actor"
    )
