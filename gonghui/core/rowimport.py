"""Long imports, row by row: check the whole file first, then write it in short chunks.

1. Check. Every row is read and checked (against the rows before it and the database) while
   nothing is written and no write transaction is open. A refused row refuses the file
   (commands.md), unless the import skips bad rows.
2. Write. The file is read again and its rows written in chunks of at most
   IMPORT_CHUNK_ROWS rows or IMPORT_CHUNK_SECONDS, each chunk in its own transaction, so
   that pages and other writers get the database in between (SQLite has one writer; the
   import pauses after each chunk to let them in, see core.db).
   A background job records each chunk (ImportChunk) in the chunk's own transaction; a
   unique key stops the same rows being written twice, and a job taken over after its
   worker died goes on after its last recorded chunk, its counts included.
3. Finish: what must follow the last row (e.g. recording payments), in one transaction.

If a row checked earlier cannot be written (the data changed in between: someone added the
same member meanwhile), writing stops there: the chunks written stay written and the report
says up to which row, so the clerk knows what is in.

An import says how to check and write one row by subclassing RowImport; `import_rows` runs
it, with the job's hold on it (core.jobs.JobRun) or, on the command line, a LocalRun.
"""

import io
import time
from abc import ABC, abstractmethod
from collections import Counter, deque
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from gonghui.core.db import pause_for_other_writers, write_transaction
from gonghui.core.imports import ImportReport, RowError, error_text
from gonghui.core.models import ImportJob
from gonghui.core.tabular import FileFormatError, Row, open_rows

REFUSALS = (RowError, ValidationError, PermissionDenied)


class RowImport(ABC):
    """One kind of import. check() and write() get the same row: check() writes nothing,
    write() runs inside its chunk's transaction and returns the counts it adds."""

    columns: list[str] = []
    summary_keys: tuple[str, ...] = ("rows", "rejected")
    skip_bad_rows = False

    def prepare(self, rows: list[Row]) -> None:  # noqa: B027 (an optional hook)
        """Read ahead what a block of rows needs (the members they name, say) in a few
        queries for the lot: before the block is checked, and at the start of each chunk's
        transaction before its rows are written."""

    @abstractmethod
    def check(self, row: Row) -> list[str]:
        """Refuse the row (RowError, ValidationError, PermissionDenied) or return warnings."""

    @abstractmethod
    def write(self, row: Row) -> dict[str, int]:
        """Write one checked row; the counts it adds to the summary."""

    def finish(self) -> None:  # noqa: B027 (an optional hook)
        """After the last chunk, in its own transaction; must be safe to run twice."""

    def state(self) -> dict:
        """What finish() needs from the check (JSON), kept with the job for a resume."""
        return {}

    def restore(self, state: dict) -> None:  # noqa: B027 (an optional hook)
        pass


class LocalRun:
    """The command line: nobody to hand over to, so nothing to record or resume."""

    plan: dict = {}

    def due(self) -> bool:
        return False

    def beat(self, rows: int, phase: str) -> None:
        pass

    @contextmanager
    def transaction(self):
        with write_transaction():
            yield
        pause_for_other_writers()

    def validated(self, report: ImportReport, refused: list[int], state: dict) -> None:
        pass

    def written(self) -> list[tuple[int, int, dict]]:
        return []

    def checkpoint(self, first_row: int, last_row: int, counts: dict) -> None:
        pass


class _KeepOpen(io.RawIOBase):
    """The caller's open file, for one pass of reading: the readers of core.tabular close
    what they read through when done, and the file is read twice."""

    def __init__(self, handle):
        self._handle = handle
        handle.seek(0)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        data = self._handle.read(len(target))
        target[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self._handle.seek(offset, whence)

    def tell(self) -> int:
        return self._handle.tell()


def _rows(source, columns: list[str]):
    if isinstance(source, str | Path):
        return open_rows(source, columns)
    return open_rows(io.BufferedReader(_KeepOpen(source)), columns)


class _WriteFailed(Exception):
    def __init__(self, row: int, reason: str, written_to: int):
        super().__init__(row, reason)
        self.row, self.reason, self.written_to = row, reason, written_to


def import_rows(importer: RowImport, source, run=None) -> ImportReport:
    run = run or LocalRun()
    report = ImportReport(summary=dict.fromkeys(importer.summary_keys, 0))
    try:
        if run.plan:
            report.summary.update(run.plan["summary"])
            report.recorded = True
            refused = set(run.plan["refused"])
            importer.restore(run.plan["state"])
        else:
            _check(importer, source, report, run)
            if report.errors and not importer.skip_bad_rows:
                return report
            refused = {number for number, _message in report.errors}
            run.validated(report, sorted(refused), importer.state())
        written_to = _write(importer, source, report, run, refused)
    except FileFormatError as exc:
        report.file_error = str(exc)
        return report
    except _WriteFailed as exc:
        report.failed = True
        report.file_error = _written_note(exc.row, exc.reason, written_to=exc.written_to)
        return report
    try:
        with run.transaction():
            importer.finish()
    except REFUSALS as exc:
        report.failed = True
        report.file_error = _(
            "Every row was written (up to row %(row)d), but the last step failed: %(reason)s"
        ) % {"row": written_to, "reason": error_text(exc)}
        return report
    report.applied = True
    return report


def _check(importer: RowImport, source, report: ImportReport, run) -> None:
    summary = report.summary
    rows = _rows(source, importer.columns)
    while block := list(islice(rows, settings.IMPORT_CHUNK_ROWS)):
        importer.prepare(block)
        for row in block:
            summary["rows"] += 1
            try:
                warnings = importer.check(row)
            except REFUSALS as exc:
                report.refuse(row.number, error_text(exc))
            else:
                report.warnings.extend((row.number, warning) for warning in warnings)
        run.beat(summary["rows"], ImportJob.Phase.CHECKING)
    summary["rejected"] = len({number for number, _message in report.errors})


def _write(importer: RowImport, source, report: ImportReport, run, refused: set[int]) -> int:
    """Write the rows not refused and not written by an earlier run; returns the number of
    the last row written."""
    done = run.written()
    written_to = max((last for _first, last, _counts in done), default=0)
    for _first, _last, counts in done:
        _add(report.summary, counts)
    rows = (
        row
        for row in _rows(source, importer.columns)
        if row.number > written_to and row.number not in refused
    )
    pending: deque = deque()
    rows_written = 0
    while pending or (pending := deque(islice(rows, settings.IMPORT_CHUNK_ROWS))):
        counts: Counter = Counter()
        started, first, size = time.monotonic(), pending[0].number, 0
        chunk_before = written_to
        with run.transaction():
            importer.prepare(list(pending))
            while pending:
                row = pending.popleft()
                try:
                    counts.update(importer.write(row))
                except (*REFUSALS, IntegrityError) as exc:
                    raise _WriteFailed(row.number, error_text(exc), chunk_before) from exc
                written_to, size = row.number, size + 1
                if time.monotonic() - started >= settings.IMPORT_CHUNK_SECONDS:
                    break
            run.checkpoint(first, written_to, dict(counts))
        _add(report.summary, counts)
        rows_written += size
        run.beat(rows_written, ImportJob.Phase.WRITING)
    return written_to


def _add(summary: dict, counts: dict) -> None:
    for key, value in counts.items():
        summary[key] = summary.get(key, 0) + value


def _written_note(row: int, reason: str, *, written_to: int) -> str:
    failed = _("Row %(row)d could not be written: %(reason)s (the data changed after the file "
               "was checked).") % {"row": row, "reason": reason}  # fmt: skip
    if not written_to:
        return failed + " " + _("Nothing was written.")
    return (
        failed
        + " "
        + _("The rows up to row %(row)d were written; the rows after it were not.")
        % {"row": written_to}
    )
