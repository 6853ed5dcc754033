"""A contract's filing clock: one transitions table, one function that checks a move.

sign → signed ─ file (within 10 days of signing) → filed ─┬─ 15 days, no objection → effective
                                                           └─ objection → objected (renegotiate)
An imported register's contracts arrive effective ("import").
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from gonghui.contracts.models import Status as S

NEW = ""

TRANSITIONS: dict[tuple[str, str], str] = {
    ("sign", NEW): S.SIGNED,
    ("import", NEW): S.EFFECTIVE,
    ("file", S.SIGNED): S.FILED,
    ("take_effect", S.FILED): S.EFFECTIVE,
    ("object", S.FILED): S.OBJECTED,
}

ACTION_LABELS = {
    "sign": pgettext_lazy("contracts", "signed"),
    "import": gettext_lazy("imported from the old register"),
    "file": gettext_lazy("filed with the labour administration"),
    "take_effect": gettext_lazy("effective: no objection within 15 days"),
    "object": gettext_lazy("objection received: to be renegotiated"),
}


class TransitionError(ValidationError):
    pass


def check_move(*, status: str, action: str) -> str:
    target = TRANSITIONS.get((action, status))
    if target is None:
        label = S(status).label if status else pgettext("contracts", "new")
        raise TransitionError(
            _("A contract that is “%(status)s” cannot take this step.") % {"status": label},
            code="bad_transition",
        )
    return target
