"""Reads for fair draws: the drafts in a staff member's subtree, the public draw by its code,
each entrant's outcome for the owner app, and the next on the waiting list."""

from dataclasses import dataclass

from django.db.models import QuerySet

from gonghui.draw import access
from gonghui.draw.models import Draw, DrawEntrant, Status


def draws_in_scope(user) -> QuerySet[Draw]:
    if not access.can_view(user):
        return Draw.objects.none()
    return Draw.objects.filter(org__path__startswith=user.org.path).select_related("org")


def public_draw(code: str) -> Draw | None:
    """A draw whose list is frozen (drafts are not public), by its public code."""
    return (
        Draw.objects.filter(public_code=code)
        .exclude(frozen_at__isnull=True)
        .select_related("org")
        .first()
    )


@dataclass(frozen=True)
class Outcome:
    number: int
    rank: int | None  # place in the draw order; None before the draw runs
    prize: str | None  # the prize name won, if any
    waiting_position: int | None  # 1-based place on the waiting list, if not a winner


def outcomes(draw: Draw) -> dict[str, Outcome]:
    """ref → Outcome for every entrant of the frozen list."""
    rows = draw.entrants.select_related("prize").order_by("number")
    return {
        row.ref: Outcome(
            number=row.number,
            rank=row.rank,
            prize=row.prize.name if row.prize_id else None,
            waiting_position=row.waiting_position,
        )
        for row in rows
    }


def outcome(draw: Draw, ref) -> Outcome | None:
    row = draw.entrants.select_related("prize").filter(ref=str(ref)).first()
    if row is None:
        return None
    return Outcome(
        number=row.number,
        rank=row.rank,
        prize=row.prize.name if row.prize_id else None,
        waiting_position=row.waiting_position,
    )


def next_waiting(draw: Draw, *, exclude=()) -> DrawEntrant | None:
    """Who a declined, expired or refused prize goes to (fair-draw.md): the first of the
    waiting list whose ref is not in `exclude` (those already offered). None before the draw
    has run or when the waiting list is used up."""
    if draw.status != Status.DRAWN:
        return None
    return (
        draw.entrants.filter(waiting_position__isnull=False)
        .exclude(ref__in=[str(ref) for ref in exclude])
        .order_by("waiting_position")
        .first()
    )


def masked_lines(draw: Draw) -> dict[int, tuple[str, str]]:
    """number → (masked name, masked mobile), read from the frozen list itself."""
    lines = {}
    for line in draw.list_text.splitlines():
        number, name, mobile = (line.split(",", 2) + ["", ""])[:3]
        lines[int(number)] = (name, mobile)
    return lines


def published_result(draw: Draw) -> dict | None:
    """The result as published: prizes in definition order (jsonb keeps no key order, so the
    order comes from DrawPrize.position) with their winners' masked lines, then the
    waiting list. None before the draw."""
    if draw.result is None:
        return None
    lines = masked_lines(draw)

    def people(numbers):
        return [{"number": n, "name": lines[n][0], "mobile": lines[n][1]} for n in numbers]

    return {
        "prizes": [
            {"name": prize.name, "numbers": numbers, "people": people(numbers)}
            for prize in draw.prizes.order_by("position")
            for numbers in [draw.result["prizes"][prize.name]]
        ],
        "waiting": draw.result["waiting"],
        "waiting_people": people(draw.result["waiting"]),
    }
