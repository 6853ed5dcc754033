"""The application's lifecycle: one transitions table, one function that checks a move.

submitted ─pre_assess (town)→ pre_assessed ─inspect (county)→ assessed ─start_notice→ on_notice
    │ refuse (town)                │ refuse (county)              │ refuse        ─name→ named
    └──────────────→ refused ←─────┴──────────────────────────────┘
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import pgettext

from gonghui.accounts.models import Role
from gonghui.ratings.models import Action, Status

UNION = frozenset({Role.UNION_STAFF, Role.TOWN_STAFF})
TOWN = frozenset({Role.TOWN_STAFF})
COUNTY = frozenset({Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN})
FEDERATION = frozenset({Role.COUNTY_ADMIN})
CREATED = ""

TRANSITIONS: dict[tuple[str, str], tuple[str, frozenset[str]]] = {
    (Action.APPLY, CREATED): (Status.SUBMITTED, UNION),
    (Action.PRE_ASSESS, Status.SUBMITTED): (Status.PRE_ASSESSED, TOWN),
    (Action.REFUSE, Status.SUBMITTED): (Status.REFUSED, TOWN),
    (Action.INSPECT, Status.PRE_ASSESSED): (Status.ASSESSED, COUNTY),
    (Action.REFUSE, Status.PRE_ASSESSED): (Status.REFUSED, COUNTY),
    (Action.REFUSE, Status.ASSESSED): (Status.REFUSED, COUNTY),
    (Action.START_NOTICE, Status.ASSESSED): (Status.ON_NOTICE, FEDERATION),
    (Action.NAME, Status.ON_NOTICE): (Status.NAMED, FEDERATION),
}


class TransitionError(ValidationError):
    """The application's state does not allow this step."""


def check_move(*, status: str, action: str, role: str) -> str:
    entry = TRANSITIONS.get((action, status))
    if entry is None:
        raise TransitionError(
            pgettext(
                "ratings", "An application that is “%(status)s” cannot take the step “%(action)s”."
            )
            % {
                "status": Status(status).label if status else pgettext("ratings", "new"),
                "action": Action(action).label,
            },
            code="bad_transition",
        )
    target, roles = entry
    if role not in roles:
        raise PermissionDenied(
            pgettext("ratings", "Your role may not take the step “%(action)s”.")
            % {"action": Action(action).label}
        )
    return target


def steps_for(*, status: str, role: str) -> list[str]:
    return [
        action
        for (action, source), (_target, roles) in TRANSITIONS.items()
        if source == status and role in roles and action != Action.APPLY
    ]
