"""A patrol's lifecycle: one transitions table, one function that checks a move.

grab → held ─ start → started ─ finish → review ─ approve → approved
                                  └─ (complete, route approves itself) → approved
held ─ cancel (more than N h before) → cancelled;  held ─ cancel (later) → late_cancelled
held ─ (the slot ended, never started) → no_show;   started ─ (the slot ended) → review
review ─ reject → rejected ─ (appeal upheld) reopen → review
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from gonghui.patrol.models import Status as S

NEW = ""

TRANSITIONS: dict[tuple[str, str], str] = {
    ("grab", NEW): S.HELD,
    ("cancel", S.HELD): S.CANCELLED,
    ("cancel_late", S.HELD): S.LATE_CANCELLED,
    ("no_show", S.HELD): S.NO_SHOW,
    ("start", S.HELD): S.STARTED,
    ("finish", S.STARTED): S.REVIEW,
    ("auto_approve", S.STARTED): S.APPROVED,
    ("lapse", S.STARTED): S.REVIEW,
    ("approve", S.REVIEW): S.APPROVED,
    ("reject", S.REVIEW): S.REJECTED,
    ("reopen", S.REJECTED): S.REVIEW,
}

ACTION_LABELS = {
    "grab": gettext_lazy("place grabbed"),
    "cancel": pgettext_lazy("patrol", "cancelled"),
    "cancel_late": gettext_lazy("cancelled late (a no-show)"),
    "no_show": gettext_lazy("did not patrol"),
    "start": gettext_lazy("patrol started"),
    "finish": gettext_lazy("patrol finished, sent for review"),
    "auto_approve": gettext_lazy("patrol finished and approved"),
    "lapse": gettext_lazy("slot ended before the finish"),
    "approve": pgettext_lazy("patrol", "approved"),
    "reject": gettext_lazy("not approved"),
    "reopen": gettext_lazy("appeal upheld, reviewed again"),
}


class TransitionError(ValidationError):
    pass


def check_move(*, status: str, action: str) -> str:
    target = TRANSITIONS.get((action, status))
    if target is None:
        label = S(status).label if status else pgettext("patrol", "new")
        raise TransitionError(
            _("A patrol that is “%(status)s” cannot take this step.") % {"status": label},
            code="bad_transition",
        )
    return target
