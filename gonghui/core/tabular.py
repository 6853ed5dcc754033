"""Read the files union offices really have: .xlsx, or CSV in UTF-8 (with or without BOM) or
GBK. Rows stream one at a time as dicts keyed by the header, with the row number a clerk
sees in Excel (the header is row 1)."""

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _


class FileFormatError(ValueError):
    """The file as a whole cannot be read (wrong type, no header, missing columns)."""


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


def open_rows(source: str | Path | IO[bytes], required: list[str]) -> Iterator[Row]:
    """Yield data rows; raise FileFormatError when the file or its header is unusable."""
    names, rows = open_table(source, required)
    for number, cells in rows:
        yield Row(number=number, values=dict(zip(names, cells, strict=False)))


def open_table(
    source: str | Path | IO[bytes], required: list[str]
) -> tuple[list[str], Iterator[tuple[int, list]]]:
    """The header and the data rows as (row number, cells) without building a dict per row:
    for imports of a million rows that pick their columns by position. Blank rows are
    skipped; FileFormatError as for open_rows, raised before the first row is read."""
    handle = open(source, "rb") if isinstance(source, str | Path) else source  # noqa: SIM115
    head = handle.read(65536)
    handle.seek(0)
    if _is_xlsx(head):
        rows = _xlsx_rows(handle)
    elif head[:8].startswith(b"\xd0\xcf\x11\xe0"):
        raise FileFormatError(_("Old .xls files cannot be read; please save as .xlsx or CSV."))
    else:
        text = io.TextIOWrapper(handle, encoding=detect_encoding(head), newline="")
        rows = csv.reader(text)
    try:
        header = next(rows)
    except StopIteration as exc:
        raise FileFormatError(_("The file is empty.")) from exc
    except UnicodeDecodeError as exc:
        raise FileFormatError(_("The file's text encoding is neither UTF-8 nor GBK.")) from exc
    names = [str(cell).strip().lstrip("\ufeff") if cell is not None else "" for cell in header]
    missing = [column for column in required if column not in names]
    if missing:
        raise FileFormatError(
            _("Missing columns: %(columns)s. The first row must be the header.")
            % {"columns": "、".join(missing)}
        )
    return names, _data_rows(rows)


def _data_rows(rows) -> Iterator[tuple[int, list]]:
    for number, cells in enumerate(rows, start=2):
        first = cells[0] if cells else None
        # Most rows start with a filled cell: look no further then.
        if not (first.__class__ is str and first.strip()) and not any(
            cell not in (None, "") and str(cell).strip() for cell in cells
        ):
            continue
        yield number, cells


def _xlsx_rows(handle: IO[bytes]) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(handle, read_only=True, data_only=True)
    except Exception as exc:
        raise FileFormatError(_("The Excel file cannot be opened.")) from exc
    try:
        for cells in workbook.worksheets[0].iter_rows(values_only=True):
            yield list(cells)
    finally:
        workbook.close()
