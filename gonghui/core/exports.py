"""Every Excel and CSV file the platform hands out is written here.

No cell is ever a formula: a member named ``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0`` stays
text. In .xlsx, text is always written as a string cell, with Excel's quote prefix when it
starts like a formula (so that editing the cell keeps it text); in CSV such text gets a
leading single quote, as OWASP advises for CSV injection. Numbers (amounts included) stay
numbers. File names may be Chinese (RFC 5987 Content-Disposition). An export that holds
sensitive data is logged (AccessLog EXPORT) when its response is made.

    book = Workbook()
    sheet = book.sheet("名单")
    sheet.write_row(0, 0, ["姓名", "金额"], BOLD)
    sheet.write(1, 0, member.name)
    sheet.write(1, 1, Decimal("500.00"), MONEY)
    return xlsx_response(book.close(), "名单.xlsx", request=request, logged=Logged(campaign))

or, for a plain list, ``table_xlsx(title, columns, rows)``."""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a spreadsheet may read as the start of a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOLD = {"bold": True}
MONEY = {"num_format": "#,##0.00"}
TEXT = {"num_format": "@"}
DATE = {"num_format": "yyyy-mm-dd"}


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


class Workbook:
    """An .xlsx built in memory whose cells are written through Sheet."""

    def __init__(self):
        self._buffer = io.BytesIO()
        # Even xlsxwriter's own write() must never turn text into a formula or a link.
        self._book = xlsxwriter.Workbook(
            self._buffer,
            {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self._formats: dict[tuple, object] = {}

    def sheet(self, title: str) -> "Sheet":
        # Excel's limits for a sheet name: 31 characters, none of []:*?/\
        name = "".join(" " if char in "[]:*?/\\" else char for char in str(title))[:31]
        return Sheet(self, self._book.add_worksheet(name or None))

    def format(self, style: dict | None):
        if not style:
            return None
        key = tuple(sorted(style.items()))
        if key not in self._formats:
            self._formats[key] = self._book.add_format(style)
        return self._formats[key]

    def close(self) -> bytes:
        self._book.close()
        return self._buffer.getvalue()


class Sheet:
    def __init__(self, book: Workbook, worksheet):
        self._book = book
        self.worksheet = worksheet  # for layout only (widths, merges, freeze panes)

    def write(self, row: int, column: int, value, style: dict | None = None) -> None:
        sheet, fmt = self.worksheet, self._book.format
        if value is None:
            if style:
                sheet.write_blank(row, column, None, fmt(style))
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, fmt(style))
        elif isinstance(value, int | float | Decimal):
            # Excel keeps numbers as doubles; amounts to the fen survive the trip. Money is
            # Decimal (house rule): shown with two decimals unless told otherwise.
            if style is None and isinstance(value, Decimal):
                style = MONEY
            sheet.write_number(row, column, float(value), fmt(style))
        elif isinstance(value, datetime.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            sheet.write_datetime(
                row, column, local.replace(tzinfo=None), fmt({"num_format": "yyyy-mm-dd hh:mm"})
            )
        elif isinstance(value, datetime.date):
            sheet.write_datetime(row, column, value, fmt({**DATE, **(style or {})}))
        else:
            text = str(value)
            if looks_like_formula(text):
                style = {**(style or {}), "quote_prefix": True}
            sheet.write_string(row, column, text, fmt(style))

    def write_row(self, row: int, column: int, values: Iterable, style: dict | None = None):
        for offset, value in enumerate(values):
            self.write(row, column + offset, value, style)

    def widths(self, widths: Iterable[int]) -> None:
        for column, width in enumerate(widths):
            self.worksheet.set_column(column, column, width)


@dataclass(frozen=True)
class Column:
    label: str
    width: int = 14
    style: dict | None = None  # MONEY, TEXT, DATE…


def table_xlsx(title: str, columns: list[Column], rows: Iterable[Iterable]) -> bytes:
    """A one-sheet workbook: a bold header, then the rows (a list as a page shows it)."""
    book = Workbook()
    sheet = book.sheet(title)
    sheet.write_row(0, 0, [str(column.label) for column in columns], BOLD)
    sheet.widths(column.width for column in columns)
    for number, values in enumerate(rows, start=1):
        for index, (column, value) in enumerate(zip(columns, values, strict=False)):
            sheet.write(number, index, value, column.style)
    sheet.worksheet.freeze_panes(1, 0)
    return book.close()


def csv_value(value):
    """A CSV cell: numbers as they are, text with a leading quote when it starts like a
    formula."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        text = str(value)
        return "'" + text if looks_like_formula(text) else text
    return value


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """UTF-8 CSV text with a BOM, so that Excel opens it in Chinese."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_value(value) for value in header])
    writer.writerows([csv_value(value) for value in row] for row in rows)
    return buffer.getvalue()


@dataclass(frozen=True)
class Logged:
    """What an export of sensitive data is logged as (AccessLog EXPORT)."""

    subject: object
    org: object = None
    label: str = ""


def xlsx_response(content: bytes, filename: str, *, request=None, logged: Logged | None = None):
    return _response(content, XLSX, filename, request, logged)


def csv_response(
    header: Iterable,
    rows: Iterable[Iterable],
    filename: str,
    *,
    request=None,
    logged: Logged | None = None,
):
    return _response(csv_text(header, rows), "text/csv; charset=utf-8", filename, request, logged)


def _response(content, content_type: str, filename: str, request, logged: Logged | None):
    if logged is not None:
        from gonghui.core.audit import log_access
        from gonghui.core.models import AccessLog

        log_access(
            request=request,
            action=AccessLog.Action.EXPORT,
            subject=logged.subject,
            org=logged.org,
            label=logged.label,
        )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
