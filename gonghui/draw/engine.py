"""The fair draw `GH-DRAW-1` (fair-draw.md), pure: no database, no clock, no randomness.

The staff and public pages, the services and `manage.py draw` all call these functions, so the
result shown anywhere is the result of one implementation of the published method:

    key      = SHA-256(UTF-8(seed) + b"\\n" + UTF-8(list digest))
    score(n) = SHA-256(key + UTF-8(decimal n)), a big-endian 256-bit unsigned integer
    order    = entrants by score ascending (n ascending on a tie)
    prizes take the next `count` entrants of the order in definition order; the rest wait.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gonghui.core.masking import mask_mobile, mask_name

ALGORITHM = "GH-DRAW-1"
_COUNT = re.compile(r"[0-9]+")
_FORBIDDEN_IN_FIELD = (",", "\n", "\r", "\ufeff")


class FrozenListError(ValueError):
    """The text is not a valid frozen list. `line` is the 1-based line at fault (0: the whole
    file); the message is for people (Chinese under the site's language)."""

    def __init__(self, message: str, *, line: int = 0, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.code = code


class PrizeSpecError(ValueError):
    """A prize definition (names, counts) that the method cannot use."""


# ---------------------------------------------------------------- masking and building the list


def build_list(entrants: Iterable[tuple[str, str]]) -> str:
    """The frozen list text of entrants already in entry order, given as (name, mobile)
    unmasked: line n is `n,masked name,masked mobile\\n`. Raises FrozenListError when there is
    nobody, or a masked field would contain a comma or a line break."""
    lines = []
    for number, (name, mobile) in enumerate(entrants, start=1):
        masked = (mask_name(name), mask_mobile(mobile))
        for value in masked:
            if any(ch in value for ch in _FORBIDDEN_IN_FIELD):
                raise FrozenListError(
                    _("Entrant %(n)d: a name or mobile may not contain a comma or a line break.")
                    % {"n": number},
                    line=number,
                    code="bad_field",
                )
        lines.append(f"{number},{masked[0]},{masked[1]}\n")
    if not lines:
        raise FrozenListError(_("The list has no entrants."), code="empty")
    return "".join(lines)


# ---------------------------------------------------------------- validating a frozen list


def list_digest(data: bytes) -> str:
    """The list digest: SHA-256 of the file's bytes, lower-case hex."""
    return hashlib.sha256(data).hexdigest()


def parse_list(data: bytes | str) -> int:
    """Check a frozen list exactly as published and return N. Raises FrozenListError on: an
    empty file, a BOM, bytes that are not UTF-8, a `\\r`, a missing final `\\n`, a blank line,
    or a line n that does not start with `n,`."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    if not data:
        raise FrozenListError(_("The list is empty."), code="empty")
    if data.startswith(b"\xef\xbb\xbf"):
        raise FrozenListError(
            _("Line 1: the file starts with a byte order mark (BOM)."), line=1, code="bom"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FrozenListError(
            _("Line %(line)d: the file is not UTF-8 text.") % {"line": line},
            line=line,
            code="not_utf8",
        ) from None
    if "\ufeff" in text[:1]:
        raise FrozenListError(
            _("Line 1: the file starts with a byte order mark (BOM)."), line=1, code="bom"
        )
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise FrozenListError(
            _("Line %(line)d: the file contains a carriage return (\\r).") % {"line": line},
            line=line,
            code="carriage_return",
        )
    lines = text.split("\n")
    if lines[-1] != "":
        line = len(lines)
        raise FrozenListError(
            _("Line %(line)d: the last line does not end with a line break (\\n).")
            % {"line": line},
            line=line,
            code="no_final_newline",
        )
    lines.pop()
    for number, line_text in enumerate(lines, start=1):
        if line_text == "":
            raise FrozenListError(
                _("Line %(line)d is blank.") % {"line": number}, line=number, code="blank_line"
            )
        if not line_text.startswith(f"{number},"):
            raise FrozenListError(
                _(
                    "Line %(line)d does not start with “%(line)d,”: entrants must be numbered 1 to N in order."
                )
                % {"line": number},
                line=number,
                code="bad_number",
            )
    return len(lines)


# ---------------------------------------------------------------- prizes


def parse_prizes(text: str | None) -> list[tuple[str, int]]:
    """`一等奖:2,二等奖:5` → [("一等奖", 2), ("二等奖", 5)]; None → []. Names unique, non-empty,
    without `:` or `,`; counts whole numbers ≥ 0. Raises PrizeSpecError."""
    if text is None:
        return []
    prizes = []
    for part in text.split(","):
        name, sep, count = part.rpartition(":")
        if not sep:
            raise PrizeSpecError(
                _("Prize “%(part)s” is not written as name:count.") % {"part": part}
            )
        prizes.append((name, count))
    return check_prizes(prizes)


def check_prizes(prizes: Sequence[tuple[str, object]]) -> list[tuple[str, int]]:
    """Validate (name, count) pairs in definition order; counts may be int or digit text."""
    result: list[tuple[str, int]] = []
    seen = set()
    for name, count in prizes:
        if not isinstance(name, str) or name == "" or ":" in name or "," in name:
            raise PrizeSpecError(
                _("A prize name must not be empty and must not contain “:” or “,”: “%(name)s”.")
                % {"name": name}
            )
        if "\n" in name or "\r" in name or not name.strip():
            raise PrizeSpecError(_("A prize name must be visible text on one line."))
        if name in seen:
            raise PrizeSpecError(_("Prize “%(name)s” is defined twice.") % {"name": name})
        seen.add(name)
        if isinstance(count, bool):
            count = str(count)
        if isinstance(count, int):
            value = count
        elif isinstance(count, str) and _COUNT.fullmatch(count):
            value = int(count)
        else:
            value = -1
        if value < 0:
            raise PrizeSpecError(
                _("The count of prize “%(name)s” must be a whole number of 0 or more.")
                % {"name": name}
            )
        result.append((name, value))
    return result


# ---------------------------------------------------------------- the draw


@dataclass(frozen=True)
class DrawResult:
    list_sha256: str
    entries: int
    order: tuple[int, ...]
    prizes: dict[str, list[int]] = field(default_factory=dict)
    waiting: tuple[int, ...] = ()
    algorithm: str = ALGORITHM

    def as_json(self) -> dict:
        """The command's JSON (fair-draw.md): digest, N, algorithm, prizes, waiting."""
        return {
            "list_sha256": self.list_sha256,
            "entries": self.entries,
            "algorithm": self.algorithm,
            "prizes": {name: list(numbers) for name, numbers in self.prizes.items()},
            "waiting": list(self.waiting),
        }

    def outcome(self, number: int) -> tuple[str, str | int]:
        """("prize", name) or ("waiting", 1-based position) for entrant `number`."""
        for name, numbers in self.prizes.items():
            if number in numbers:
                return ("prize", name)
        return ("waiting", self.waiting.index(number) + 1)


def draw_key(seed: str, digest: str) -> bytes:
    return hashlib.sha256(seed.encode("utf-8") + b"\n" + digest.encode("utf-8")).digest()


def draw_order(seed: str, digest: str, entries: int) -> list[int]:
    """Entrant numbers 1..entries sorted by score ascending, then by number. Comparing the
    32-byte digests as bytes is comparing them as big-endian unsigned integers."""
    key = draw_key(seed, digest)
    scored = [
        (hashlib.sha256(key + str(n).encode("ascii")).digest(), n) for n in range(1, entries + 1)
    ]
    scored.sort()
    return [n for _score, n in scored]


def run_draw(data: bytes | str, seed: str, prizes: Sequence[tuple[str, object]] = ()) -> DrawResult:
    """Validate the frozen list, then draw. Raises FrozenListError or PrizeSpecError. More
    prize places than entrants is fine: later prizes are short (possibly empty)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    checked = check_prizes(prizes)
    entries = parse_list(data)
    digest = list_digest(data)
    order = draw_order(seed, digest, entries)
    given: dict[str, list[int]] = {}
    position = 0
    for name, count in checked:
        given[name] = order[position : position + count]
        position = min(position + count, entries)
    return DrawResult(
        list_sha256=digest,
        entries=entries,
        order=tuple(order),
        prizes=given,
        waiting=tuple(order[position:]),
    )


def next_waiting(waiting: Sequence[int], exclude: Iterable[int] = ()) -> int | None:
    """The entrant a declined, expired or refused prize goes to: the first of the waiting
    list not in `exclude` (those already offered a place). None when the list is used up."""
    skip = set(exclude)
    for number in waiting:
        if number not in skip:
            return number
    return None
