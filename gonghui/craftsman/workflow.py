"""The application's lifecycle: one transitions table, one function that checks a move.

submitted → union_checked → town_checked (expert committee) → selected / not_selected
    │ refuse        │ refuse           (the federation freezes the ranking)   │
    └──→ refused ←──┘                                     selected → on_notice → named
                                                                         └──→ withdrawn
Refusing a line, an appeal and the committee's adjustment keep the status (event rows only).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.accounts.models import Role
from gonghui.craftsman.models import Action, Status

WORKER = frozenset({Role.MEMBER})
UNION = frozenset({Role.UNION_STAFF})
TOWN = frozenset({Role.TOWN_STAFF})
COMMITTEE = frozenset({Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
FEDERATION = frozenset({Role.COUNTY_ADMIN})
CREATED = ""

TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    (Action.APPLY, CREATED): (Status.SUBMITTED, WORKER | UNION),
    (Action.REFUSE_LINE, Status.SUBMITTED): (Status.SUBMITTED, UNION),
    (Action.REFUSE_LINE, Status.UNION_CHECKED): (Status.UNION_CHECKED, TOWN),
    (Action.UNION_CHECK, Status.SUBMITTED): (Status.UNION_CHECKED, UNION),
    (Action.REFUSE, Status.SUBMITTED): (Status.REFUSED, UNION),
    (Action.TOWN_CHECK, Status.UNION_CHECKED): (Status.TOWN_CHECKED, TOWN),
    (Action.REFUSE, Status.UNION_CHECKED): (Status.REFUSED, TOWN),
    (Action.APPEAL, Status.SUBMITTED): (Status.SUBMITTED, WORKER),
    (Action.APPEAL, Status.UNION_CHECKED): (Status.UNION_CHECKED, WORKER),
    (Action.APPEAL, Status.TOWN_CHECKED): (Status.TOWN_CHECKED, WORKER),
    (Action.DECIDE_APPEAL, Status.SUBMITTED): (Status.SUBMITTED, UNION | TOWN | COMMITTEE),
    (Action.DECIDE_APPEAL, Status.UNION_CHECKED): (Status.UNION_CHECKED, TOWN | COMMITTEE),
    (Action.DECIDE_APPEAL, Status.TOWN_CHECKED): (Status.TOWN_CHECKED, TOWN | COMMITTEE),
    (Action.ADJUST, Status.TOWN_CHECKED): (Status.TOWN_CHECKED, COMMITTEE),
    (Action.RANK, Status.TOWN_CHECKED): (Status.SELECTED, FEDERATION),
    (Action.RANK_OUT, Status.TOWN_CHECKED): (Status.NOT_SELECTED, FEDERATION),
    (Action.START_NOTICE, Status.SELECTED): (Status.ON_NOTICE, FEDERATION),
    (Action.NAME, Status.ON_NOTICE): (Status.NAMED, FEDERATION),
    (Action.WITHDRAW, Status.ON_NOTICE): (Status.WITHDRAWN, FEDERATION),
}


class TransitionError(ValidationError):
    """The application's state does not allow this step."""


def check_move(*, status: str, action: str, role: str) -> str:
    entry = TRANSITIONS.get((action, status))
    if entry is None:
        raise TransitionError(
            _("An application that is “%(status)s” cannot take the step “%(action)s”.")
            % {
                "status": Status(status).label if status else pgettext("craftsman", "new"),
                "action": Action(action).label,
            },
            code="bad_transition",
        )
    target, roles = entry
    if role not in roles:
        raise PermissionDenied(
            pgettext("craftsman", "Your role may not take the step “%(action)s”.")
            % {"action": Action(action).label}
        )
    return target


def steps_for(*, status: str, role: str) -> list[str]:
    return [
        action
        for (action, source), (_target, roles) in TRANSITIONS.items()
        if source == status and role in roles and action in STAFF_STEPS
    ]


STAFF_STEPS = (Action.UNION_CHECK, Action.TOWN_CHECK, Action.REFUSE)
