"""The kinds of refusal a member can appeal, declared by the app that refuses.

An app declares each kind in its own `services_registry.py` (read at start-up)::

    from gonghui.appeals.registry import AppealKind, register

    register(AppealKind(
        key="claims.rejection",              # "<app>.<what was refused>"
        label=_("A claim not approved"),
        refusal=appeals.refusal,             # object id → Refusal, or None
        refusals_of=appeals.refusals_of,     # member → the Refusals they may appeal now
        uphold=appeals.uphold,               # the owning app's service that undoes it
        can_decide=access.can_review,        # which staff roles decide (scope is the subtree)
    ))

The object id names the refused *decision* (the event row of the step that refused), so an
appeal is once per decision (a unique constraint) and a later, new refusal of the same thing
can be appealed again. `uphold(*, actor, refusal, appeal)` runs inside the decision's
transaction and moves the owning object through its own state machine; if it raises, the
appeal stays undecided.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise


@dataclass(frozen=True)
class Refusal:
    """One refused decision, as the owning app describes it to the appeals app."""

    kind: str
    object_id: int
    member: object  # orgs.Member
    refused_by: object | None  # the staff user who refused (None: the system)
    refused_at: datetime.datetime
    title: str  # what the member reads: "理赔 BX000012 未获批准"
    reason: str  # the refusal's reason, as the member was told
    member_url: str = ""  # the refused thing on the member's phone
    staff_url: str = ""  # the refused thing on the staff pages


@dataclass(frozen=True)
class AppealKind:
    key: str
    label: Promise | str
    refusal: Callable[[int], Refusal | None]
    refusals_of: Callable[[object], Iterable[Refusal]]
    uphold: Callable[..., object]
    can_decide: Callable[[object], bool]


_kinds: dict[str, AppealKind] = {}


def register(kind: AppealKind) -> AppealKind:
    if kind.key in _kinds:
        raise ImproperlyConfigured(f"appeal kind {kind.key!r} is registered twice")
    _kinds[kind.key] = kind
    return kind


def unregister(key: str) -> None:
    _kinds.pop(key, None)


def get(key: str) -> AppealKind | None:
    return _kinds.get(key)


def all_kinds() -> list[AppealKind]:
    return sorted(_kinds.values(), key=lambda kind: kind.key)


def choices() -> list[tuple[str, str]]:
    return [(kind.key, str(kind.label)) for kind in all_kinds()]
