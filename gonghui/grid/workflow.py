"""The case's lifecycle: one transitions table, one function that checks a move.

registered → accepted → mediating → settled | not_settled → closed (→ follow-up visits)
    any open step ──escalate──→ registered at the next level (union → town → county)
    accepted/mediating/not_settled at town or county ──hand over──→ handed_over (矛调中心)
    handed_over ──outcome──→ settled | not_settled
Mediation records, follow-up visits, extensions and corrections keep the status (event rows).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.grid.models import Action, Status

CREATED = ""
OPEN = (Status.REGISTERED, Status.ACCEPTED, Status.MEDIATING, Status.NOT_SETTLED)

TRANSITIONS: dict[tuple[str, str], str] = {
    (Action.FILE, CREATED): Status.REGISTERED,
    (Action.ACCEPT, Status.REGISTERED): Status.ACCEPTED,
    (Action.MEDIATE, Status.ACCEPTED): Status.MEDIATING,
    (Action.MEDIATE, Status.MEDIATING): Status.MEDIATING,
    (Action.SETTLE, Status.ACCEPTED): Status.SETTLED,
    (Action.SETTLE, Status.MEDIATING): Status.SETTLED,
    (Action.FAIL, Status.ACCEPTED): Status.NOT_SETTLED,
    (Action.FAIL, Status.MEDIATING): Status.NOT_SETTLED,
    **{(Action.ESCALATE, status): Status.REGISTERED for status in OPEN},
    **{(Action.HAND_OVER, status): Status.HANDED_OVER for status in OPEN},
    (Action.CLOSE, Status.SETTLED): Status.CLOSED,
    (Action.CLOSE, Status.NOT_SETTLED): Status.CLOSED,
    (Action.FOLLOW_UP, Status.CLOSED): Status.CLOSED,
}
OUTCOMES = {True: Status.SETTLED, False: Status.NOT_SETTLED}


class TransitionError(ValidationError):
    """The case's state does not allow this step."""


def check_move(*, status: str, action: str) -> str:
    if action == Action.OUTCOME and status == Status.HANDED_OVER:
        return status  # the outcome decides the status
    target = TRANSITIONS.get((action, status))
    if target is None:
        raise TransitionError(
            _("A case that is “%(status)s” cannot take the step “%(action)s”.")
            % {
                "status": Status(status).label if status else pgettext("grid", "new"),
                "action": Action(action).label,
            },
            code="bad_transition",
        )
    return target


def steps_for(status: str) -> list[str]:
    return [action for (action, source) in TRANSITIONS if source == status] + (
        [Action.OUTCOME] if status == Status.HANDED_OVER else []
    )
