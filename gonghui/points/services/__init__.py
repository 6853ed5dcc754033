"""The points ledger's public writes (`from gonghui.points import services as
points_services`): earn, balance, convert, expire, adjust; the catalogue's redeem and refund
live in `services.catalogue`."""

from gonghui.points.models import EntryKind
from gonghui.points.services import ledger


def earn(
    *,
    member,
    points: int,
    key: str,
    reason: str,
    source: str = "",
    source_id: int | None = None,
    actor=None,
):
    """Append an earn entry; idempotent on `key` (unique constraint): a second call with the
    same key returns the existing entry and adds nothing. Returns the entry."""
    if not isinstance(points, int) or points <= 0:
        raise ValueError("earned points are a positive integer")
    entry, _created = ledger.post(
        member=member,
        kind=EntryKind.EARN,
        key=key,
        reason=reason,
        points=points,
        source=source,
        source_id=source_id,
        actor=actor,
    )
    return entry


def balance(member) -> dict:
    """{"points": int, "coins": int}"""
    return ledger.balance(member)
