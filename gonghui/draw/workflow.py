"""A fair draw's lifecycle: one transitions table, one function that checks a move.

draft → announced (seed source) → frozen (list, N, digest) → seed_entered → seed_confirmed
      → drawn; any state before drawn → cancelled (with a reason, stays visible).
Every step happens once; DrawEvent keeps one row per step."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from gonghui.accounts.models import Role
from gonghui.draw.models import Action, Status

# Organisers prepare draws for their subtree; the county runs them (issue 13: "the county
# approves, runs draws").
ORGANISERS = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
COUNTY = frozenset({Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
SYSTEM = None  # the platform itself (an owner app's scheduled close freezes the list)
CREATED = ""

# (action, from status) → (to status, roles that may take the step; SYSTEM: no actor needed)
TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset]] = {
    (Action.CREATE, CREATED): (Status.DRAFT, ORGANISERS),
    (Action.ANNOUNCE, Status.DRAFT): (Status.ANNOUNCED, ORGANISERS),
    (Action.FREEZE, Status.ANNOUNCED): (Status.FROZEN, ORGANISERS | {SYSTEM}),
    (Action.ENTER_SEED, Status.FROZEN): (Status.SEED_ENTERED, COUNTY),
    (Action.CONFIRM_SEED, Status.SEED_ENTERED): (Status.SEED_CONFIRMED, COUNTY),
    (Action.RUN, Status.SEED_CONFIRMED): (Status.DRAWN, COUNTY),
    (Action.CANCEL, Status.DRAFT): (Status.CANCELLED, ORGANISERS),
    (Action.CANCEL, Status.ANNOUNCED): (Status.CANCELLED, ORGANISERS),
    (Action.CANCEL, Status.FROZEN): (Status.CANCELLED, COUNTY),
    (Action.CANCEL, Status.SEED_ENTERED): (Status.CANCELLED, COUNTY),
    (Action.CANCEL, Status.SEED_CONFIRMED): (Status.CANCELLED, COUNTY),
}

PAGE_STEPS = (
    Action.ANNOUNCE,
    Action.FREEZE,
    Action.ENTER_SEED,
    Action.CONFIRM_SEED,
    Action.RUN,
    Action.CANCEL,
)


class TransitionError(ValidationError):
    """The draw's state does not allow this step."""


def _refusal(status: str, action: str) -> str:
    if action == Action.RUN and status == Status.DRAWN:
        return _("This draw has already been run; it cannot be run again.")
    if action == Action.ENTER_SEED and status in (
        Status.SEED_ENTERED,
        Status.SEED_CONFIRMED,
        Status.DRAWN,
    ):
        return _("The seed has already been entered; it cannot be entered again.")
    if action == Action.CONFIRM_SEED and status in (Status.SEED_CONFIRMED, Status.DRAWN):
        return _("The seed has already been confirmed.")
    if action == Action.ANNOUNCE and status != Status.DRAFT:
        return _("The seed source has already been announced; it cannot be changed.")
    if action == Action.FREEZE and status == Status.DRAFT:
        return _("Announce the seed source before freezing the list.")
    if action == Action.FREEZE and status != Status.DRAFT:
        return _("The list has already been frozen; it never changes.")
    if status == Status.CANCELLED:
        return _("This draw has been cancelled.")
    return _("A draw that is “%(status)s” cannot take the step “%(action)s”.") % {
        "status": Status(status).label if status else _("new"),
        "action": Action(action).label,
    }


def check_move(*, status: str, action: str, role: str | None) -> str:
    """Return the status the step leads to; raise TransitionError on a step the state does
    not allow and PermissionDenied on a role that may not take it (role None: the system)."""
    entry = TRANSITIONS.get((action, status))
    if entry is None:
        raise TransitionError(_refusal(status, action), code="bad_transition")
    target, roles = entry
    if role not in roles:
        raise PermissionDenied(
            _("Your role may not take the step “%(action)s”.") % {"action": Action(action).label}
        )
    return target


def steps_for(*, status: str, role: str) -> list[str]:
    """The steps a person of this role may take on a draw in this state (for the pages)."""
    return [
        action
        for action in PAGE_STEPS
        if (action, status) in TRANSITIONS and role in TRANSITIONS[(action, status)][1]
    ]
