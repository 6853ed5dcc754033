"""Who may do what with appeals. Deciding is asked per kind (appeals.registry: each kind
names its deciding roles); scope is the member's subtree (selectors.appeals_visible_to)."""

from gonghui.accounts import roles
from gonghui.appeals import registry


def can_see_queue(user) -> bool:
    """Staff who decide at least one kind of appeal. An appeal's reason is the member's own
    words (an illness, a family's income): the roles that read masked data only do not."""
    return (
        roles.is_staff(user)
        and roles.can_view_sensitive(user)
        and any(kind.can_decide(user) for kind in registry.all_kinds())
    )


def member_concerned(user) -> bool:
    from gonghui.appeals.models import Appeal

    return roles.is_member(user) and (
        Appeal.objects.filter(member__user=user).exists() or open_refusals(user) > 0
    )


def open_refusals(user) -> int:
    """How many refusals the member can still appeal (the tile's badge)."""
    from gonghui.appeals.selectors import appealable_refusals

    member = getattr(user, "member", None) if roles.is_member(user) else None
    return len(appealable_refusals(member)) if member is not None else 0


def can_file_for_members(user) -> bool:
    """代办: the staff who handle appeals file them for members at the window."""
    return can_see_queue(user)
