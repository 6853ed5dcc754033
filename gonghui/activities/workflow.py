"""A registration's lifecycle: one transitions table, one function that checks a move.

            ┌─ nominate (union) → nominated ─ approve (county) ─┐   reject → rejected
apply ──────┤                                                   ↓
            └→ applied ─ allot (a place: first come, draw, waiting list) → offered
   offered ─ confirm → confirmed ─ check in → checked_in      confirmed ─ no show → no_show
   offered ─ decline → declined;  offered ─ (the offer window passes) → expired
   applied / offered / confirmed ─ cancel → cancelled
A first-come place is confirmed at once (allot_confirmed: applied → confirmed).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from gonghui.activities.models import RegStatus as S

NEW = ""

# (action, from status) → to status
TRANSITIONS: dict[tuple[str, str], str] = {
    ("apply", NEW): S.APPLIED,
    ("nominate", NEW): S.NOMINATED,
    ("import", NEW): S.NOMINATED,
    ("approve", S.NOMINATED): S.OFFERED,
    ("reject", S.NOMINATED): S.REJECTED,
    ("allot", S.APPLIED): S.OFFERED,
    ("allot_now", S.APPLIED): S.CONFIRMED,
    ("confirm", S.OFFERED): S.CONFIRMED,
    ("decline", S.OFFERED): S.DECLINED,
    ("expire", S.OFFERED): S.EXPIRED,
    ("cancel", S.APPLIED): S.CANCELLED,
    ("cancel", S.OFFERED): S.CANCELLED,
    ("cancel", S.CONFIRMED): S.CANCELLED,
    ("cancel", S.NOMINATED): S.CANCELLED,
    ("check_in", S.CONFIRMED): S.CHECKED_IN,
    ("no_show", S.CONFIRMED): S.NO_SHOW,
}

ACTION_LABELS = {
    "apply": gettext_lazy("applied"),
    "nominate": gettext_lazy("nominated by the union"),
    "import": gettext_lazy("nominated (imported list)"),
    "approve": gettext_lazy("nomination approved"),
    "reject": gettext_lazy("nomination not approved"),
    "allot": gettext_lazy("place offered"),
    "allot_now": gettext_lazy("place given"),
    "confirm": pgettext_lazy("activities", "confirmed"),
    "decline": gettext_lazy("declined"),
    "expire": gettext_lazy("offer expired"),
    "cancel": gettext_lazy("cancelled"),
    "check_in": gettext_lazy("checked in"),
    "no_show": gettext_lazy("did not come"),
}


class TransitionError(ValidationError):
    pass


def check_move(*, status: str, action: str) -> str:
    target = TRANSITIONS.get((action, status))
    if target is None:
        label = S(status).label if status else pgettext("activities", "new")
        raise TransitionError(
            _("A registration that is “%(status)s” cannot take this step.") % {"status": label},
            code="bad_transition",
        )
    return target
