"""Hostile files, made on the spot (no large binary is committed): an xlsx bomb (1 MB holding
one 1 GiB cell), a sheet of millions of rows, a truncated workbook, a CSV with a 10 MB cell,
a CSV whose encoding changes half-way, and zips whose headers lie about their sizes.

The xlsx files are zipped by hand so that a 1 GiB part costs a second to make: a deflate
stream flushed with Z_FULL_FLUSH restarts from an empty window, so the compressed form of
one repeated megabyte is the same every time and is written out again and again."""

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
GIB = 1 << 30
MIB = 1 << 20


@dataclass
class Part:
    """head + repeat × times + tail; declared_size, when given, is what the headers claim."""

    name: str
    head: bytes
    repeat: bytes = b""
    times: int = 0
    tail: bytes = b""
    declared_size: int | None = None


def _deflate(part: Part) -> tuple[bytes, int, int]:
    """(compressed data, crc32, uncompressed size)"""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [compressor.compress(part.head), compressor.flush(zlib.Z_FULL_FLUSH)]
    crc = zlib.crc32(part.head)
    if part.times:
        block = compressor.compress(part.repeat) + compressor.flush(zlib.Z_FULL_FLUSH)
        out.append(block * part.times)
        for _ in range(part.times):
            crc = zlib.crc32(part.repeat, crc)
    out += [compressor.compress(part.tail), compressor.flush()]
    crc = zlib.crc32(part.tail, crc)
    size = len(part.head) + len(part.repeat) * part.times + len(part.tail)
    return b"".join(out), crc, size


def write_zip(path: Path, parts: list[Part]) -> Path:
    local, central = bytearray(), bytearray()
    for part in parts:
        data, crc, size = _deflate(part)
        declared = size if part.declared_size is None else part.declared_size
        name = part.name.encode()
        offset = len(local)
        fields = (20, 0, 8, 0, 0x21, crc, len(data), declared, len(name))
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + data
        central += (
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, 0, offset)
            + name
        )
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(local), 0
    )
    path.write_bytes(bytes(local + central + end))
    return path


def _xml(text: str) -> bytes:
    return text.encode()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline(value: str) -> str:
    return f'<c t="inlineStr"><is><t>{_escape(value)}</t></is></c>'


def _row(values: list[str]) -> str:
    return "<row>" + "".join(_inline(value) for value in values) + "</row>"


def _package(sheet: Part, shared: Part | None = None) -> list[Part]:
    overrides = (
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    )
    relations = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    if shared is not None:
        overrides += (
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        )
        relations += (
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    parts = [
        Part(
            "[Content_Types].xml",
            _xml(
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                'openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
                'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
            ),
        ),
        Part(
            "_rels/.rels",
            _xml(
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
                f'<Relationship Id="rId1" Type="{REL}/officeDocument" '
                'Target="xl/workbook.xml"/></Relationships>'
            ),
        ),
        Part(
            "xl/workbook.xml",
            _xml(
                f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" '
                f'xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/>'
                "</sheets></workbook>"
            ),
        ),
        Part(
            "xl/_rels/workbook.xml.rels",
            _xml(
                f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
                f"{relations}</Relationships>"
            ),
        ),
        sheet,
    ]
    if shared is not None:
        parts.append(shared)
    return parts


def _sheet_head(dimension: str = "") -> str:
    dimension = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{dimension}<sheetData>'


SHEET_TAIL = b"</sheetData></worksheet>"


def bomb_xlsx(path: Path, header: list[str], *, size: int = GIB, where: str = "shared") -> Path:
    """One data row whose first cell is `size` bytes of "A" (1 GiB by default, about 1 MB
    zipped), kept in the shared strings (read by openpyxl when the workbook opens) or inline
    in the sheet (read with the row)."""
    times, rest = divmod(size, MIB)
    assert not rest
    head = _row(header)
    if where == "inline":
        sheet = Part(
            "xl/worksheets/sheet1.xml",
            _xml(_sheet_head() + head + '<row><c t="inlineStr"><is><t>'),
            b"A" * MIB,
            times,
            b"</t></is></c></row>" + SHEET_TAIL,
        )
        return write_zip(path, _package(sheet))
    sheet = Part(
        "xl/worksheets/sheet1.xml",
        _xml(_sheet_head() + head + '<row><c t="s"><v>0</v></c></row>') + SHEET_TAIL,
    )
    shared = Part(
        "xl/sharedStrings.xml",
        _xml(f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}"><si><t>'),
        b"A" * MIB,
        times,
        b"</t></si></sst>",
    )
    return write_zip(path, _package(sheet, shared))


def huge_xlsx(
    path: Path, header: list[str], row: list[str], *, rows: int = 4_000_000, dimension=True
) -> Path:
    """`rows` copies of one data row, with the sheet's declared size (<dimension>) or
    without it (the reader must count)."""
    last = f"{chr(64 + len(header))}{rows + 1}" if dimension else ""
    sheet = Part(
        "xl/worksheets/sheet1.xml",
        _xml(_sheet_head(f"A1:{last}" if last else "") + _row(header)),
        _xml(_row(row)) * 1000,
        rows // 1000,
        SHEET_TAIL,
    )
    return write_zip(path, _package(sheet))


def lying_xlsx(path: Path, header: list[str], *, size: int = 64 * MIB) -> Path:
    """A sheet of `size` bytes whose zip headers claim 2 KB: a reader that trusted the
    headers would inflate it all."""
    times = size // MIB
    sheet = Part(
        "xl/worksheets/sheet1.xml",
        _xml(_sheet_head() + _row(header) + '<row><c t="inlineStr"><is><t>'),
        b"A" * MIB,
        times,
        b"</t></is></c></row>" + SHEET_TAIL,
        declared_size=2048,
    )
    return write_zip(path, _package(sheet))


def small_xlsx(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    sheet = Part(
        "xl/worksheets/sheet1.xml",
        _xml(_sheet_head() + _row(header) + "".join(_row(row) for row in rows)) + SHEET_TAIL,
    )
    return write_zip(path, _package(sheet))


def truncated_xlsx(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """A real workbook cut short, as an interrupted download or copy leaves it."""
    whole = small_xlsx(path, header, rows).read_bytes()
    path.write_bytes(whole[: len(whole) * 2 // 3])
    return path


def big_cell_csv(path: Path, header: list[str], *, size: int = 10 * MIB) -> Path:
    """A CSV whose first data cell holds `size` bytes (a quoted field, so no line ends it)."""
    width = len(header) - 1
    with open(path, "wb") as out:
        out.write((",".join(header) + "\r\n").encode("utf-8"))
        out.write(b'"' + b"A" * size + b'"' + b"," * width + b"\r\n")
    return path


def switching_csv(path: Path, header: list[str], row: list[str], *, rows: int = 5000) -> Path:
    """UTF-8 for the first 64 KB and more (what encoding detection reads), GBK after."""
    line = ",".join(row) + "\r\n"
    with open(path, "wb") as out:
        out.write((",".join(header) + "\r\n").encode("utf-8"))
        out.write((line * rows).encode("utf-8"))
        out.write((line * 10).encode("gbk"))
    return path
