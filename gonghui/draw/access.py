"""Who may see and act on fair draws. Staff see the draws of their organisation's subtree;
the steps each role may take are in workflow.TRANSITIONS. The public page needs no sign-in."""

from gonghui.accounts import roles
from gonghui.draw import workflow


def can_view(user) -> bool:
    return roles.is_staff(user)


def in_subtree(user, org) -> bool:
    return roles.is_staff(user) and org.path.startswith(user.org.path)


def can_see(user, draw) -> bool:
    return in_subtree(user, draw.org)


def can_create(user) -> bool:
    return roles.is_staff(user) and user.role in workflow.ORGANISERS
