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

or, for a plain list, ``table_xlsx(title, columns, rows)``.

A staff list page exports its own rows (same selector, same filters, same masking) with one
line, ``if response := list_export(request, MEMBERS, members): return response``, where
MEMBERS is a ListExport (title and columns) and the page shows ``{% export_button %}``
(core/templatetags/export_tags.py), which resends the page's filters: POSTed when the page's
search is, so that an ID number never lands in a URL. Such a file is written row by row
(xlsxwriter's constant_memory) to a temporary file streamed to the browser, so a county's
130,000 members take a few megabytes of memory, and it is refused beyond EXPORT_MAX_ROWS."""

import csv
import datetime
import functools
import io
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.conf import settings
from django.contrib import messages
from django.db.models import QuerySet
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from gonghui.core.search import carries_id_number

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
    """An .xlsx whose cells are written through Sheet: built in memory, or, for a long list
    (``constant_memory=True``), row by row into a temporary file (rows must then be written
    in order, each row's cells before the next row's)."""

    def __init__(self, *, constant_memory: bool = False):
        # The file is handed to a FileResponse, which closes it once sent.
        self._buffer = tempfile.TemporaryFile() if constant_memory else io.BytesIO()  # noqa: SIM115
        # Even xlsxwriter's own write() must never turn text into a formula or a link.
        options = {"strings_to_formulas": False, "strings_to_urls": False}
        if constant_memory:
            options.update(constant_memory=True, in_memory=False)
        else:
            options["in_memory"] = True
        self._book = xlsxwriter.Workbook(self._buffer, options)
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
        self._buffer.seek(0)
        return self._buffer.read()

    def close_file(self):
        """The finished workbook as an open file, at its start (constant_memory books)."""
        self._book.close()
        self._buffer.seek(0)
        return self._buffer


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
    # In a ListExport: the cell of one row's object (masked values for sensitive fields).
    value: Callable | None = None


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


def _log(request, logged: Logged | None) -> None:
    if logged is None:
        return
    from gonghui.core.audit import log_access
    from gonghui.core.models import AccessLog

    log_access(
        request=request,
        action=AccessLog.Action.EXPORT,
        subject=logged.subject,
        org=logged.org,
        label=logged.label,
    )


def _response(content, content_type: str, filename: str, request, logged: Logged | None):
    _log(request, logged)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- staff lists -------------------------------------------------------------------------


@dataclass(frozen=True)
class ListExport:
    """A staff list as an Excel file. `title` names the sheet and the file (会员名单 →
    会员名单-2026-12-05.xlsx); `sensitive` lists (personal data) are logged in the access
    log; `key` tells two lists of one page apart (the button's value)."""

    title: str
    columns: tuple[Column, ...]
    sensitive: bool = True
    key: str = "xlsx"


@functools.lru_cache(maxsize=512)
def _label(choices, value, language) -> str:
    return str(choices(value).label) if value in choices.values else str(value or "")


def choice_label(choices) -> Callable[[object], str]:
    """A cell showing a choice's label (what get_FOO_display gives), translated once per
    language rather than on each of 100,000 rows."""
    return lambda value: _label(choices, value, get_language())


@functools.lru_cache(maxsize=64)
def _yes_no(value: bool, language) -> str:
    return pgettext("yes or no", "Yes") if value else pgettext("yes or no", "No")


def yes_no(value) -> str:
    return _yes_no(bool(value), get_language())


def name_of(obj) -> str:
    """A related object's name (a union, an enterprise, a user), or nothing."""
    return str(obj) if obj is not None else ""


def export_requested(request) -> str:
    data = request.POST if request.method == "POST" else request.GET
    return data.get("export", "")


def list_export(request, spec: ListExport, rows: Iterable) -> HttpResponse | None:
    """The list's Excel file when the request asks for it (``export=<spec.key>``), else None.
    A list longer than EXPORT_MAX_ROWS is refused with a message on the page (None too), so
    the caller renders the page as usual."""
    if export_requested(request) != spec.key:
        return None
    if request.method == "GET" and any(map(carries_id_number, request.GET.values())):
        # core.search dropped it from the page (and said why): the export is not run either.
        return None
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    if count > settings.EXPORT_MAX_ROWS:
        messages.error(
            request,
            _(
                "This list has %(count)s rows, more than the %(limit)s one export may hold. "
                "Narrow it with the filters (a union, a state) and export each part."
            )
            % {"count": f"{count:,}", "limit": f"{settings.EXPORT_MAX_ROWS:,}"},
        )
        return None
    title = str(spec.title)
    book = Workbook(constant_memory=True)
    sheet = book.sheet(title)
    sheet.widths(column.width for column in spec.columns)
    sheet.worksheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, [str(column.label) for column in spec.columns], BOLD)
    # In chunks from the database, so that memory stays flat however long the list.
    objects = rows.iterator(chunk_size=2000) if isinstance(rows, QuerySet) else rows
    # Text, most cells, goes straight to xlsxwriter with formats looked up once per column
    # (a third of the time of Sheet.write at 100,000 rows); the rest through Sheet.write.
    plain = [book.format(column.style) for column in spec.columns]
    quoted = [
        book.format({**(column.style or {}), "quote_prefix": True}) for column in spec.columns
    ]
    write_string = sheet.worksheet.write_string
    for number, item in enumerate(objects, start=1):
        for index, column in enumerate(spec.columns):
            value = column.value(item)
            if type(value) is str:
                style = quoted if looks_like_formula(value) else plain
                write_string(number, index, value, style[index])
            else:
                sheet.write(number, index, value, column.style)
    logged = None
    if spec.sensitive:
        org = request.user.org
        label = _("%(list)s, %(count)s rows") % {"list": title, "count": f"{count:,}"}
        logged = Logged(subject=org, org=org, label=label[:128])
    _log(request, logged)
    filename = f"{title}-{timezone.localdate():%Y-%m-%d}.xlsx"
    return FileResponse(book.close_file(), as_attachment=True, filename=filename, content_type=XLSX)
