"""The hardship file's lifecycle: one transitions table, one function that checks a move.

applied → union_reviewed → visited → town_verified → public_notice → active
   ↑            (any review step can return the file with a reason)   │ review, tier change
returned ────────────────── resubmit ───────────────────────────────┘ │
closed ← close (脱困, retired, moved, died; or a returned file withdrawn) ┘
closed → applied: reopen when the family falls back (返困), history kept
returned → (the status it was returned from): reinstate, when an appeal against the return
   is upheld by someone other than the one who returned it (hardship/appeals.py)
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from gonghui.accounts.models import Role
from gonghui.hardship.models import Action, Status

WORKER = frozenset({Role.MEMBER})
UNION = frozenset({Role.UNION_STAFF})
TOWN = frozenset({Role.TOWN_STAFF})
COUNTY = frozenset({Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
CREATED = ""  # the "from" of a file that does not exist yet
RETURN_ORIGIN = "*"  # the "to" of reinstating: back where the return took the file from
RETURNED_FROM = frozenset(
    {
        Status.APPLIED,
        Status.UNION_REVIEWED,
        Status.VISITED,
        Status.TOWN_VERIFIED,
        Status.PUBLIC_NOTICE,
    }
)

# (action, from status) → (to status, roles that may take the step)
TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    (Action.APPLY, CREATED): (Status.APPLIED, WORKER | UNION),
    (Action.IMPORT, CREATED): (Status.ACTIVE, UNION | TOWN | COUNTY),
    (Action.UNION_REVIEW, Status.APPLIED): (Status.UNION_REVIEWED, UNION),
    (Action.RETURN, Status.APPLIED): (Status.RETURNED, UNION),
    (Action.RECORD_VISIT, Status.UNION_REVIEWED): (Status.VISITED, UNION | TOWN),
    (Action.RETURN, Status.UNION_REVIEWED): (Status.RETURNED, UNION | TOWN),
    (Action.TOWN_VERIFY, Status.VISITED): (Status.TOWN_VERIFIED, TOWN),
    (Action.RETURN, Status.VISITED): (Status.RETURNED, TOWN),
    (Action.START_NOTICE, Status.TOWN_VERIFIED): (Status.PUBLIC_NOTICE, TOWN | COUNTY),
    (Action.RETURN, Status.TOWN_VERIFIED): (Status.RETURNED, TOWN | COUNTY),
    (Action.APPROVE, Status.PUBLIC_NOTICE): (Status.ACTIVE, COUNTY),
    (Action.RETURN, Status.PUBLIC_NOTICE): (Status.RETURNED, COUNTY),
    (Action.RESUBMIT, Status.RETURNED): (Status.APPLIED, WORKER | UNION),
    (Action.CLOSE, Status.RETURNED): (Status.CLOSED, UNION | TOWN | COUNTY),
    (Action.REVIEW, Status.ACTIVE): (Status.ACTIVE, UNION | TOWN | COUNTY),
    (Action.CHANGE_TIER, Status.ACTIVE): (Status.ACTIVE, TOWN | COUNTY),
    (Action.CLOSE, Status.ACTIVE): (Status.CLOSED, UNION | TOWN | COUNTY),
    (Action.REOPEN, Status.CLOSED): (Status.APPLIED, WORKER | UNION),
    (Action.REINSTATE, Status.RETURNED): (RETURN_ORIGIN, UNION | TOWN | COUNTY),
}

# The steps a staff page offers as forms (apply, import and resubmit have their own pages).
STAFF_STEPS = (
    Action.UNION_REVIEW,
    Action.RECORD_VISIT,
    Action.TOWN_VERIFY,
    Action.START_NOTICE,
    Action.APPROVE,
    Action.REVIEW,
    Action.CHANGE_TIER,
    Action.RESUBMIT,
    Action.RETURN,
    Action.CLOSE,
    Action.REOPEN,
)


class TransitionError(ValidationError):
    """The file's state does not allow this step."""


def check_move(*, status: str, action: str, role: str, origin: str = "") -> str:
    """Return the status the step leads to; raise TransitionError on a step the state does
    not allow and PermissionDenied on a role that may not take it. Reinstating leads back to
    `origin`, the status the file was returned from."""
    entry = TRANSITIONS.get((action, status))
    if entry is None:
        raise TransitionError(
            _("A file that is “%(status)s” cannot take the step “%(action)s”.")
            % {
                "status": Status(status).label if status else _("new"),
                "action": Action(action).label,
            },
            code="bad_transition",
        )
    target, roles = entry
    if role not in roles:
        raise PermissionDenied(
            _("Your role may not take the step “%(action)s”.") % {"action": Action(action).label}
        )
    if target == RETURN_ORIGIN:
        if origin not in RETURNED_FROM:
            raise TransitionError(_("The file cannot go back to that step."), code="bad_transition")
        return origin
    return target


def steps_for(*, status: str, role: str) -> list[str]:
    """The steps a person of this role may take on a file in this state (for the pages)."""
    return [
        action
        for action in STAFF_STEPS
        if (action, status) in TRANSITIONS and role in TRANSITIONS[(action, status)][1]
    ]
