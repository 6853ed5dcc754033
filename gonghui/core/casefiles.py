"""Case files: YAML files of named test cases for a computing engine (the mutual-aid rules engine,
../shared/spec/rule-cases.md; the craftsman points engine, ../shared/spec/craftsman.md), read as
untrusted input and run case by case.

The generic part lives here: reading the file (an unreadable file is one broken case named after
the file), splitting it into cases (whatever is wrong with one case is that case's failure, the
others still run), a verdict per case with `detail` lines, and `CaseFileCommand`, the
`manage.py …_check FILE [FILE ...]` command. Each engine passes in how one case is parsed
(`parse_case(name, entry)`, raising on bad input) and how one parsed case is checked
(`check_case(case) -> Outcome`). Nothing here raises on bad input.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.management.base import BaseCommand, CommandError


class CaseFormatError(ValueError):
    """A case that does not follow the format; the message names the field."""


@dataclass(frozen=True, kw_only=True)
class BrokenCase:
    name: str
    error: str


@dataclass(frozen=True, kw_only=True)
class Outcome:
    """A case's verdict; `detail` holds the lines to print under a failure."""

    name: str
    passed: bool
    detail: tuple[str, ...] = ()


def one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def read_cases(path: Path, parse_case: Callable) -> list:
    """Every case of a file; an unreadable file is one broken case named after the file."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [BrokenCase(name=str(path), error=f"cannot read the file: {one_line(exc)}")]
    return parse_cases(data, parse_case, source=str(path))


def parse_cases(data, parse_case: Callable, *, source: str = "cases") -> list:
    """The cases under `cases:` (or a bare list), each parsed by `parse_case(name, entry)` or
    turned into a `BrokenCase` saying why it could not be."""
    entries = data.get("cases") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        return [BrokenCase(name=source, error="the file has no list under `cases:`")]
    parsed: list = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        name = entry.get("name") if isinstance(entry, dict) else None
        label = str(name).strip() if name not in (None, "") else f"{source} case #{number}"
        # A case file is untrusted input: whatever is wrong with one case is reported as
        # that case's failure and the others still run.
        try:
            if not isinstance(entry, dict):
                raise CaseFormatError("the case is not a mapping")
            if name in (None, ""):
                raise CaseFormatError("missing `name`")
            if label in seen:
                raise CaseFormatError("the name is used by an earlier case in this file")
            parsed.append(parse_case(label, entry))
        except Exception as exc:
            parsed.append(BrokenCase(name=label, error=one_line(exc)))
        seen.add(label)
    return parsed


def check(case, check_case: Callable) -> Outcome:
    """The verdict on one case: a broken case fails as malformed, any other is `check_case`'s."""
    if isinstance(case, BrokenCase):
        return Outcome(name=case.name, passed=False, detail=(f"malformed: {case.error}",))
    return check_case(case)


def cannot_compute(case, exc: Exception) -> Outcome:
    return Outcome(name=case.name, passed=False, detail=(f"cannot compute: {exc!r}",))


def check_file(path: Path, *, parse_case: Callable, check_case: Callable) -> Iterator[Outcome]:
    for case in read_cases(path, parse_case):
        yield check(case, check_case)


class CaseFileCommand(BaseCommand):
    """`…_check FILE [FILE ...]`: one line per case, then `N passed, M failed`; exit status 0
    when every case passed, 1 when any failed, 2 on bad arguments (a file that does not exist).
    A directory stands for the .yaml files inside it. A subclass sets `help` and `check_file`
    (`staticmethod(path -> outcomes)`)."""

    check_file: Callable[[Path], Iterator[Outcome]]

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")

    def handle(self, *args, files, **options):
        paths = []
        for name in files:
            path = Path(name)
            if path.is_dir():
                paths.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
            elif path.is_file():
                paths.append(path)
            else:
                raise CommandError(f"no such file: {name}", returncode=2)
        passed = failed = 0
        for path in paths:
            # Names are unique within a file only: with several files, say which one.
            prefix = f"{path.name} › " if len(paths) > 1 else ""
            for outcome in self.check_file(path):
                if outcome.passed:
                    passed += 1
                    self.stdout.write(f"PASS  {prefix}{outcome.name}")
                else:
                    failed += 1
                    self.stdout.write(f"FAIL  {prefix}{outcome.name}")
                    for line in outcome.detail:
                        self.stdout.write(f"      {line}")
        self.stdout.write(f"{passed} passed, {failed} failed")
        if failed:
            raise SystemExit(1)
