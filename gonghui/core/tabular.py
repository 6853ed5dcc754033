"""Read the files union offices really have: .xlsx, or CSV in UTF-8 (with or without BOM) or
GBK. Rows stream one at a time as dicts keyed by the header, with the row number a clerk
sees in Excel (the header is row 1).

Every uploaded or imported table is read here, within limits (settings IMPORT_MAX_*,
SETTLEMENT_IMPORT_MAX_*): the whole file is checked before its header is returned, so an
import refuses a hostile or broken file (a zip bomb, millions of rows, a 10 MB cell, a
truncated workbook, an encoding that changes half-way) with a message for a clerk before it
does any work, in bounded memory. The same limits hold while the rows stream."""

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

MIB = 1 << 20


class FileFormatError(ValueError):
    """The file as a whole cannot be read (wrong type, no header, missing columns, beyond a
    limit, damaged); the message is for a union clerk."""


@dataclass(frozen=True)
class Limits:
    file_bytes: int
    rows: int  # data rows, the header not counted
    columns: int
    cell_chars: int
    unpacked_bytes: int  # an .xlsx's parts, inflated, in all
    part_bytes: int  # any one part but the sheets and the shared texts
    shared_bytes: int
    shared_strings: int

    @classmethod
    def roster(cls) -> "Limits":
        """Members, enrollments, hardship files, organisations."""
        return cls._from_settings(settings.IMPORT_MAX_FILE_MB, settings.IMPORT_MAX_ROWS)

    @classmethod
    def feed(cls) -> "Limits":
        """The bureau's settlement feed."""
        return cls._from_settings(
            settings.SETTLEMENT_IMPORT_MAX_FILE_MB, settings.SETTLEMENT_IMPORT_MAX_ROWS
        )

    @classmethod
    def _from_settings(cls, file_mb: int, rows: int) -> "Limits":
        return cls(
            file_bytes=file_mb * MIB,
            rows=rows,
            columns=settings.IMPORT_MAX_COLUMNS,
            cell_chars=settings.IMPORT_MAX_CELL_CHARS,
            unpacked_bytes=settings.IMPORT_MAX_XLSX_UNPACKED_MB * MIB,
            part_bytes=settings.IMPORT_MAX_XLSX_PART_MB * MIB,
            shared_bytes=settings.IMPORT_MAX_XLSX_SHARED_MB * MIB,
            shared_strings=settings.IMPORT_MAX_XLSX_SHARED_STRINGS,
        )


@dataclass
class Row:
    number: int
    values: dict[str, object]

    def text(self, column: str) -> str:
        value = self.values.get(column)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


def detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        # GB18030 is a superset of GBK and GB2312: what Excel saves as "CSV" on Chinese Windows.
        return "gb18030"


def _is_xlsx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def open_rows(
    source: str | Path | IO[bytes], required: list[str], *, limits: Limits | None = None
) -> Iterator[Row]:
    """Yield data rows; raise FileFormatError when the file or its header is unusable, or
    (while streaming) when the file turns out unreadable half-way."""
    names, rows = open_table(source, required, limits=limits)
    for number, cells in rows:
        yield Row(number=number, values=dict(zip(names, cells, strict=False)))


def open_table(
    source: str | Path | IO[bytes], required: list[str], *, limits: Limits | None = None
) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """The header and the data rows as (row number, cells) without building a dict per row:
    for imports of a million rows that pick their columns by position. Blank rows are
    skipped. The whole file is checked against `limits` (a roster's by default) before the
    header is returned; FileFormatError as for open_rows."""
    limits = limits or Limits.roster()
    handle = open(source, "rb") if isinstance(source, str | Path) else source  # noqa: SIM115
    rows = _checked_rows(handle, limits)
    try:
        header = next(rows)
    except StopIteration as exc:
        raise FileFormatError(_("The file is empty.")) from exc
    names = [str(cell).strip().lstrip("\ufeff") if cell is not None else "" for cell in header]
    missing = [column for column in required if column not in names]
    if missing:
        raise FileFormatError(
            _("Missing columns: %(columns)s. The first row must be the header.")
            % {"columns": "、".join(missing)}
        )
    return names, _data_rows(rows, limits)


def check_table(source: IO[bytes], *, limits: Limits | None = None) -> int:
    """The checks open_table makes before it returns, without reading the rows (upload forms
    run them to refuse a file at once); the data rows found, for a progress bar."""
    limits = limits or Limits.roster()
    kind, encoding = _kind(source, limits)
    if kind == "xlsx":
        from gonghui.core.xlsxguard import check_xlsx

        rows = check_xlsx(source, limits)
    else:
        rows = sum(1 for _cells in _csv_records(source, encoding, limits))
        source.seek(0)
    return max(rows - 1, 0)


def _kind(handle: IO[bytes], limits: Limits) -> tuple[str, str]:
    """("xlsx", "") or ("csv", its encoding), once the file's size is within the limit."""
    size = handle.seek(0, io.SEEK_END)
    handle.seek(0)
    if size > limits.file_bytes:
        raise FileFormatError(
            _("The file is larger than %(limit)d MB; split it into smaller files.")
            % {"limit": limits.file_bytes // MIB}
        )
    head = handle.read(65536)
    handle.seek(0)
    if _is_xlsx(head):
        return "xlsx", ""
    if head[:8].startswith(b"\xd0\xcf\x11\xe0"):
        # Excel keeps old .xls files and password-protected .xlsx files in this container.
        raise FileFormatError(
            _(
                "Old .xls files and password-protected Excel files cannot be read; please save "
                "as .xlsx without a password, or as CSV."
            )
        )
    return "csv", detect_encoding(head)


def _checked_rows(handle: IO[bytes], limits: Limits) -> Iterator[list]:
    """Every row of the file, the header first, once the whole file has passed the checks.
    A generator: nothing is read before the first next()."""
    kind, encoding = _kind(handle, limits)
    if kind == "xlsx":
        from gonghui.core.xlsxguard import xlsx_rows

        yield from xlsx_rows(handle, limits)
        return
    check_table(handle, limits=limits)
    yield from _csv_records(handle, encoding, limits)


def _csv_records(handle: IO[bytes], encoding: str, limits: Limits) -> Iterator[list]:
    # The csv module's limit is one for the whole process; every import sets the same value.
    csv.field_size_limit(limits.cell_chars)
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    longest = limits.cell_chars * limits.columns
    number = 0

    def lines() -> Iterator[str]:
        # A line is read at most `longest` characters at a time: a file without line ends
        # never becomes one string of hundreds of megabytes.
        while line := text.readline(longest + 1):
            if len(line) > longest:
                raise FileFormatError(
                    _("Row %(row)d is too long: it holds more than %(limit)s characters.")
                    % {"row": number + 1, "limit": f"{longest:,}"}
                )
            yield line

    try:
        for number, cells in enumerate(csv.reader(lines()), start=1):
            if len(cells) > limits.columns:
                refuse_wide_row(number, cells, limits)
            if number > limits.rows + 1:
                raise too_many_rows(limits)
            yield cells
    except UnicodeDecodeError as exc:
        raise FileFormatError(
            _(
                "The file's text encoding changes half-way (row %(row)d); save it again as "
                "UTF-8 or GBK."
            )
            % {"row": _undecodable_line(handle, encoding)}
        ) from exc
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise FileFormatError(cell_too_long(number + 1, limits)) from exc
        raise FileFormatError(
            _("Row %(row)d cannot be read as CSV (a stray quote or a NUL character).")
            % {"row": number + 1}
        ) from exc
    finally:
        # The caller owns the file: let it be read again (the check reads it twice). A
        # preview that stops early may have closed it already.
        if not text.closed:
            text.detach()


def _undecodable_line(handle: IO[bytes], encoding: str) -> int:
    """The number of the first line that does not decode (the text layer decodes ahead, in
    blocks, so its error does not say which). A line end is never part of a UTF-8 or GB18030
    character, so lines decode one by one."""
    handle.seek(0)
    decoder, number = codecs.getincrementaldecoder(encoding)(), 1
    for piece in iter(lambda: handle.readline(MIB), b""):
        try:
            decoder.decode(piece)
        except UnicodeDecodeError:
            return number
        number += piece.endswith(b"\n")
    return number


# Messages shared with xlsxguard.


def refuse_wide_row(number: int, cells: list, limits: Limits) -> None:
    filled = len(cells)
    while filled and cells[filled - 1] in (None, ""):
        filled -= 1
    if filled > limits.columns:
        raise FileFormatError(
            _("Row %(row)d has more than %(limit)d columns.")
            % {"row": number, "limit": limits.columns}
        )


def too_many_rows(limits: Limits) -> FileFormatError:
    return FileFormatError(
        _("The file has more than %(limit)s data rows; split it into smaller files.")
        % {"limit": f"{limits.rows:,}"}
    )


def cell_too_long(row: int | None, limits: Limits) -> str:
    if row is None:
        return _("A cell of the file is longer than %(limit)s characters.") % {
            "limit": f"{limits.cell_chars:,}"
        }
    return _("A cell in row %(row)d is longer than %(limit)s characters.") % {
        "row": row,
        "limit": f"{limits.cell_chars:,}",
    }


def _data_rows(rows: Iterator[list], limits: Limits) -> Iterator[tuple[int, list]]:
    for number, cells in enumerate(rows, start=2):
        if number > limits.rows + 1:
            raise too_many_rows(limits)
        first = cells[0] if cells else None
        # Most rows start with a filled cell: look no further then.
        if not (first.__class__ is str and first.strip()) and not any(
            cell not in (None, "") and str(cell).strip() for cell in cells
        ):
            continue
        yield number, cells
