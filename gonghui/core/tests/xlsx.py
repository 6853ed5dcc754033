"""Reading an exported staff list in tests: every cell, and never a formula."""

import io
import zipfile

from openpyxl import load_workbook


def _content(response) -> bytes:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return b"".join(response.streaming_content)


def export_body(response) -> str:
    """Every part of the .xlsx unzipped, as text: to assert what the file does not hold
    anywhere (a full ID number, a diagnosis); the raw file is compressed."""
    with zipfile.ZipFile(io.BytesIO(_content(response))) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist())


def export_rows(response) -> list[list]:
    """The first sheet's rows (header first), asserting that no cell is a formula."""
    book = load_workbook(io.BytesIO(_content(response)))
    sheet = book.worksheets[0]
    rows = []
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"{cell.coordinate} {cell.value!r} is a formula"
        rows.append([cell.value for cell in row])
    return rows


def export_cells(response) -> list:
    book = load_workbook(io.BytesIO(_content(response)))
    return [cell for row in book.worksheets[0].iter_rows() for cell in row]


def export_form(page: str, key: str = "xlsx") -> str:
    """The HTML of a page's export button form ({% export_button %})."""
    marker = page.index(f'data-export="{key}"')
    return page[page.rindex("<form", 0, marker) : page.index("</form>", marker)]
