"""Reading an .xlsx within limits (see tabular.Limits), for tabular only.

An .xlsx is a zip of XML parts. When openpyxl (read-only mode) opens a workbook it holds the
shared texts and styles in memory and parses every sheet that does not declare its size to
its end; it builds each text in memory however long it is: a 1 MB file can hold a 1 GiB cell.
So before openpyxl parses anything:

- the zip's declared sizes are checked (in all, per part); Python's zipfile never inflates a
  part beyond its declared size (it stops there and fails the CRC check), so a part whose
  header lies is refused as damaged rather than inflated;
- every XML part openpyxl parses is inflated once, in pieces, and scanned with byte searches:
  no run of text between two "<" may exceed what the longest cell needs (so no text node,
  attribute or comment is long), no document type declaration (entities), a bounded number
  of shared texts, and for every sheet its declared size (<dimension>) and its count of
  <row> elements.

python-calamine was measured too: it reads the whole sheet into memory (1.6 GB for 4 million
rows) and aborts the process when an allocation fails (the 1 GiB cell), so openpyxl stays."""

import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _

from gonghui.core.tabular import (
    MIB,
    FileFormatError,
    Limits,
    cell_too_long,
    refuse_wide_row,
    too_many_rows,
)

CHUNK = MIB
MAX_PARTS = 1000
# XML elements in one row (or one shared text), all held in memory while it is parsed: a row
# of 100 rich-text cells of many runs stays far below it.
MAX_TAGS = 50_000
SHEET_ROOTS = {b"worksheet", b"dialogsheet", b"macrosheet"}
ROOT = re.compile(rb"<(?:([A-Za-z_][\w.\-]*):)?([A-Za-z_][\w.\-]*)")
DIMENSION = re.compile(rb"<(?:[\w.\-]+:)?dimension\s+ref=\"(?:[A-Z]+\d+:)?([A-Z]+)(\d+)\"")
# Errors a damaged zip or XML part raises from zipfile, zlib and the XML parser.
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ParseError, KeyError, ValueError)


class _LongRun(Exception):
    pass


def _damaged() -> FileFormatError:
    return FileFormatError(
        _(
            "The Excel file cannot be opened: it is damaged or incomplete. Save it again "
            "from Excel (or copy it again) and retry."
        )
    )


def check_xlsx(handle: IO[bytes], limits: Limits) -> int:
    """Check the workbook before openpyxl parses it; its largest sheet's rows (the header
    counted), for a progress bar."""
    try:
        archive = zipfile.ZipFile(handle)
    except DAMAGE as exc:
        raise _damaged() from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_PARTS:
            raise _damaged()
        if sum(entry.file_size for entry in entries) > limits.unpacked_bytes:
            raise FileFormatError(
                _(
                    "The Excel file unpacks to more than %(limit)d MB; save it as CSV or split "
                    "it into smaller files."
                )
                % {"limit": limits.unpacked_bytes // MIB}
            )
        rows = 0
        for entry in entries:
            if entry.flag_bits & 0x1:  # encrypted
                raise _damaged()
            if entry.is_dir():
                continue
            try:
                rows = max(rows, _scan_part(archive, entry, limits))
            except FileFormatError:
                raise
            except DAMAGE as exc:
                raise _damaged() from exc
    handle.seek(0)
    return rows


def xlsx_rows(handle: IO[bytes], limits: Limits) -> Iterator[list]:
    from openpyxl import load_workbook

    check_xlsx(handle, limits)
    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a broken workbook
        raise _damaged() from exc
    try:
        if not workbook.worksheets:
            raise FileFormatError(_("The Excel file has no worksheet."))
        sheet = workbook.worksheets[0]
        # Read every row there is, whatever <dimension> claims (openpyxl otherwise stops at
        # the declared last row, silently dropping the rest).
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        number = 0
        while True:
            try:
                cells = next(rows)
            except StopIteration:
                return
            except DAMAGE as exc:
                raise _damaged() from exc
            number += 1
            if len(cells) > limits.columns:
                refuse_wide_row(number, cells, limits)
            if any(cell.__class__ is str and len(cell) > limits.cell_chars for cell in cells):
                raise FileFormatError(cell_too_long(number, limits))
            yield list(cells)
    finally:
        workbook.close()


def _scan_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limits: Limits) -> int:
    """Scan a part that openpyxl may parse when it opens the workbook; its rows if it is a
    sheet. Binary parts (images, printer settings, macros) are never parsed in read-only mode
    and are left alone."""
    with archive.open(entry) as stream:
        first = stream.read(CHUNK)
        if first.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
            # XML in UTF-16 would hide long texts from the byte scan; Excel never writes it.
            raise _damaged()
        if not first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return 0
        prefix, root = _root(first)
        if root in SHEET_ROOTS:
            return _scan_sheet(first, stream, prefix, limits)
        if root == b"sst":
            _check_size(entry, limits.shared_bytes)
            _scan_shared(first, stream, prefix, limits)
        else:
            _check_size(entry, limits.part_bytes)
            _scan(first, stream, limits, lambda piece: None)
        return 0


def _check_size(entry: zipfile.ZipInfo, limit: int) -> None:
    if entry.file_size > limit:
        raise FileFormatError(
            _(
                "The Excel file holds too much besides its data (formats, shared texts; more "
                "than %(limit)d MB). Save it as CSV, or copy the data into a new workbook, and "
                "retry."
            )
            % {"limit": limit // MIB}
        )


def _scan_shared(first: bytes, stream: IO[bytes], prefix: bytes, limits: Limits) -> None:
    def too_many() -> FileFormatError:
        return FileFormatError(
            _(
                "The Excel file holds more than %(limit)s different texts; save it as CSV "
                "(UTF-8 or GBK) and import that."
            )
            % {"limit": f"{limits.shared_strings:,}"}
        )

    _scan(first, stream, limits, _Elements(b"<" + prefix + b"si", limits.shared_strings, too_many))


def _scan_sheet(first: bytes, stream: IO[bytes], prefix: bytes, limits: Limits) -> int:
    """Every sheet, not only the one imported: openpyxl parses a sheet that does not declare
    its size (<dimension>) to its end when it opens the workbook. The declared size and the
    count of rows are refused as soon as one is beyond a limit."""
    declared = DIMENSION.search(first[: first.find(b"sheetData")])
    if declared:
        if int(declared.group(2)) - 1 > limits.rows:
            raise too_many_rows(limits)
        if _column_number(declared.group(1)) > limits.columns:
            raise FileFormatError(
                _("The sheet has more than %(limit)d columns.") % {"limit": limits.columns}
            )
    rows = _Elements(
        b"<" + prefix + b"row",
        limits.rows + 1,
        lambda: too_many_rows(limits),
        ignore=b"<" + prefix + b"rowBreaks",
    )
    try:
        _scan(first, stream, limits, rows)
    except FileFormatError as exc:
        if exc.args[0] == cell_too_long(None, limits):
            raise FileFormatError(cell_too_long(max(rows.count, 1), limits)) from exc
        raise
    return rows.count


class _Elements:
    """Counts the elements that open with `token` (rows, shared texts) and the tags between
    two of them: the parser holds one such element, with all it contains, in memory at a
    time, so neither may grow without bound."""

    def __init__(self, token: bytes, most: int, too_many, ignore: bytes = b""):
        self.token, self.most, self.too_many, self.ignore = token, most, too_many, ignore
        self.count = 0
        self.tags = 0  # in the element being read

    def __call__(self, piece: bytes) -> None:
        segments = piece.split(self.token)
        self.count += len(segments) - 1 - (piece.count(self.ignore) if self.ignore else 0)
        if self.count > self.most:
            raise self.too_many()
        self.tags += segments[0].count(b"<")
        widest = self.tags
        if len(segments) > 1:
            widest = max(widest, *map(_tags, segments[1:-1]), 0)
            self.tags = segments[-1].count(b"<")
        if widest > MAX_TAGS:
            raise FileFormatError(
                _(
                    "The Excel file is built in a way Excel never builds it (more than "
                    "%(limit)s XML elements in one row or text). Save it again from Excel, or "
                    "as CSV, and retry."
                )
                % {"limit": f"{MAX_TAGS:,}"}
            )


def _tags(segment: bytes) -> int:
    return segment.count(b"<")


def _scan(first: bytes, stream: IO[bytes], limits: Limits, counted) -> None:
    try:
        for piece in _pieces(first, stream, limits):
            counted(piece)
    except _LongRun as exc:
        raise FileFormatError(cell_too_long(None, limits)) from exc


def _root(head: bytes) -> tuple[bytes, bytes]:
    """The root element's namespace prefix (with its colon) and local name; a document type
    declaration (the way to entity expansion) is refused: Excel never writes one."""
    found = ROOT.search(head)
    if found is None:
        raise _damaged()
    if b"<!DOCTYPE" in head[: found.start()]:
        raise _damaged()
    prefix = found.group(1) + b":" if found.group(1) else b""
    return prefix, found.group(2)


def _pieces(first: bytes, stream: IO[bytes], limits: Limits) -> Iterator[bytes]:
    """The part in pieces cut just before a "<", so that no tag is split between two; raise
    _LongRun when some stretch without "<" is longer than the longest cell needs (a cell of
    the most characters, each written as a 10-byte character reference, and its tag)."""
    run = limits.cell_chars * 10 + 1024
    carry, data = b"", first
    while data:
        buffer = carry + data
        position = 0
        while len(buffer) - position > run:
            found = buffer.rfind(b"<", position, position + run + 1)
            if found < 0:
                # What comes before the long stretch still counts (the row it is in).
                yield buffer[: max(position - 1, 0)]
                raise _LongRun
            position = found + 1
        cut = buffer.rfind(b"<")
        if cut > 0:
            yield buffer[:cut]
            carry = buffer[cut:]
        else:
            carry = buffer
        data = stream.read(CHUNK)
    if carry:
        yield carry


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
