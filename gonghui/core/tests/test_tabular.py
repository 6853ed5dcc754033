"""Reading imported tables within limits (core.tabular, core.xlsxguard): every hostile or
broken file is refused before a row is handed out, with a clerk's message; good files read as
before."""

import datetime
import io
import time
import zipfile

import pytest
from openpyxl import Workbook

from gonghui.core.tabular import FileFormatError, Limits, check_table, open_rows, open_table
from gonghui.core.tests import hostile
from gonghui.core.tests.hostile import MAIN, Part, write_zip

HEADER = ["工会编码", "姓名", "身份证号", "手机号"]
ROW = ["TA-1", "张三", "331004198102010011", "13712340000"]


def refusal(path, **kwargs) -> str:
    with pytest.raises(FileFormatError) as caught:
        names, rows = open_table(path, [], **kwargs)
        list(rows)
    return str(caught.value)


def test_a_1_gib_shared_text_is_refused_from_the_zip_directory(tmp_path):
    path = hostile.bomb_xlsx(tmp_path / "bomb.xlsx", HEADER)
    assert path.stat().st_size < 2 * hostile.MIB
    started = time.monotonic()
    assert "32 MB" in refusal(path)
    assert time.monotonic() - started < 2


def test_a_1_gib_cell_in_the_sheet_is_refused_after_a_few_hundred_kilobytes(tmp_path):
    path = hostile.bomb_xlsx(tmp_path / "bomb.xlsx", HEADER, where="inline")
    started = time.monotonic()
    assert refusal(path) == "第 2 行有单元格超过 32,767 个字符。"
    assert time.monotonic() - started < 2


def test_a_long_shared_text_within_the_size_limit_is_refused_too(tmp_path):
    path = hostile.bomb_xlsx(tmp_path / "long.xlsx", HEADER, size=4 * hostile.MIB)
    assert refusal(path) == "文件中有单元格超过 32,767 个字符。"


def test_zip_headers_that_lie_about_the_size_are_refused_as_damaged(tmp_path):
    path = hostile.lying_xlsx(tmp_path / "lying.xlsx", HEADER)
    # What the guard relies on: zipfile inflates no more than the declared size (2 KB of a
    # 64 MB part), then fails its checksum.
    with (
        zipfile.ZipFile(path) as archive,
        archive.open("xl/worksheets/sheet1.xml") as part,
        pytest.raises(zipfile.BadZipFile, match="CRC"),
    ):
        part.read(hostile.MIB)
    assert "已损坏或不完整" in refusal(path)


def test_a_truncated_workbook_is_refused_as_damaged(tmp_path):
    path = hostile.truncated_xlsx(tmp_path / "cut.xlsx", HEADER, [ROW] * 50)
    assert "已损坏或不完整" in refusal(path)


@pytest.mark.parametrize("dimension", [True, False], ids=["declared", "counted"])
def test_rows_beyond_the_limit_are_refused_before_reading(tmp_path, settings, dimension):
    settings.IMPORT_MAX_ROWS = 1000
    path = hostile.huge_xlsx(tmp_path / "huge.xlsx", HEADER, ROW, rows=5000, dimension=dimension)
    assert refusal(path) == "文件超过 1,000 行数据，请拆分成几个较小的文件。"
    path = hostile.huge_xlsx(tmp_path / "ok.xlsx", HEADER, ROW, rows=1000, dimension=dimension)
    with open(path, "rb") as handle:
        assert check_table(handle) == 1000


def test_four_million_rows_are_refused_in_seconds(tmp_path):
    path = hostile.huge_xlsx(tmp_path / "huge.xlsx", HEADER, ROW, dimension=False)
    started = time.monotonic()
    assert "300,000" in refusal(path)
    assert "1,000,000" in refusal(path, limits=Limits.feed())
    assert time.monotonic() - started < 10


def test_a_sheet_that_declares_fewer_rows_than_it_has_is_read_whole(tmp_path):
    """openpyxl stops at the declared last row: rows after it were silently dropped."""
    sheet = Part(
        "xl/worksheets/sheet1.xml",
        (
            hostile._sheet_head("A1:B2")
            + hostile._row(["编号", "姓名"])
            + "".join(hostile._row([str(n), "张三"]) for n in range(1, 6))
        ).encode()
        + hostile.SHEET_TAIL,
    )
    path = write_zip(tmp_path / "under.xlsx", hostile._package(sheet))
    assert [row.text("编号") for row in open_rows(path, ["编号"])] == ["1", "2", "3", "4", "5"]


def test_a_10_mb_csv_cell_is_refused(tmp_path, settings):
    path = hostile.big_cell_csv(tmp_path / "big.csv", HEADER)
    assert refusal(path) == "第 2 行太长：超过 3,276,700 个字符。"
    settings.IMPORT_MAX_CELL_CHARS = 100
    path = tmp_path / "cell.csv"
    path.write_text("姓名,备注\n张三," + "长" * 101 + "\n", encoding="utf-8")
    assert refusal(path) == "第 2 行有单元格超过 100 个字符。"


def test_an_encoding_change_half_way_names_the_row(tmp_path):
    path = hostile.switching_csv(tmp_path / "mixed.csv", HEADER, ROW, rows=5000)
    assert refusal(path) == "文件编码在中途发生变化（第 5002 行），请重新另存为 UTF-8 或 GBK 编码。"


def test_too_many_columns_are_refused(tmp_path, settings):
    settings.IMPORT_MAX_COLUMNS = 5
    path = tmp_path / "wide.csv"
    path.write_text("a,b\n" + ",".join("x" * 6) + "\n", encoding="utf-8")
    assert refusal(path) == "第 2 行超过 5 列。"
    # Empty trailing cells (what Excel leaves after a deleted column) do not count.
    path.write_text("a,b\nx,y,,,,,,,\n", encoding="utf-8")
    assert len(list(open_rows(path, ["a"]))) == 1
    wide = hostile.small_xlsx(tmp_path / "wide.xlsx", ["a"], [list("abcdef")])
    assert refusal(wide) == "第 2 行超过 5 列。"


def test_too_many_shared_texts_are_refused(tmp_path, settings):
    settings.IMPORT_MAX_XLSX_SHARED_STRINGS = 10
    texts = "".join(f"<si><t>职工{n}</t></si>" for n in range(11))
    shared = Part("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{texts}</sst>'.encode())
    sheet = Part(
        "xl/worksheets/sheet1.xml",
        (hostile._sheet_head() + hostile._row(["a"])).encode() + hostile.SHEET_TAIL,
    )
    path = write_zip(tmp_path / "many.xlsx", hostile._package(sheet, shared))
    assert "10 个不同的文字" in refusal(path)
    settings.IMPORT_MAX_XLSX_SHARED_STRINGS = 11
    with open(path, "rb") as handle:
        assert check_table(handle) == 0


def test_a_large_styles_part_is_refused(tmp_path, settings):
    settings.IMPORT_MAX_XLSX_PART_MB = 1
    fonts = "<font><b/><sz val='11'/></font>" * 60_000
    styles = Part(
        "xl/styles.xml", f'<styleSheet xmlns="{MAIN}"><fonts>{fonts}</fonts></styleSheet>'.encode()
    )
    sheet = Part(
        "xl/worksheets/sheet1.xml",
        (hostile._sheet_head() + hostile._row(["a"])).encode() + hostile.SHEET_TAIL,
    )
    path = write_zip(tmp_path / "styles.xlsx", [*hostile._package(sheet), styles])
    assert "1 MB" in refusal(path)


def test_entities_and_utf16_are_refused(tmp_path):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<sst xmlns="{MAIN}"><si><t>&b;</t></si></sst>'
    )
    sheet = Part(
        "xl/worksheets/sheet1.xml",
        (hostile._sheet_head() + hostile._row(["a"])).encode() + hostile.SHEET_TAIL,
    )
    path = write_zip(
        tmp_path / "laughs.xlsx",
        hostile._package(sheet, Part("xl/sharedStrings.xml", laughs.encode())),
    )
    assert "已损坏或不完整" in refusal(path)
    utf16 = f'<sst xmlns="{MAIN}"><si><t>甲</t></si></sst>'.encode("utf-16")
    path = write_zip(
        tmp_path / "utf16.xlsx", hostile._package(sheet, Part("xl/sharedStrings.xml", utf16))
    )
    assert "已损坏或不完整" in refusal(path)


def test_a_row_of_endless_nested_elements_is_refused(tmp_path):
    """The parser holds a row and all it contains in memory: 1 MB of <a> is 350,000 elements."""
    sheet = Part(
        "xl/worksheets/sheet1.xml",
        (hostile._sheet_head() + hostile._row(["a"]) + "<row><c>").encode(),
        b"<a>" * 1000,
        350,
        b"</c></row>" + hostile.SHEET_TAIL,
    )
    path = write_zip(tmp_path / "nested.xlsx", hostile._package(sheet))
    assert "50,000" in refusal(path)


def test_a_file_beyond_the_size_limit_is_refused_unread(tmp_path, settings):
    settings.IMPORT_MAX_FILE_MB = 1
    path = tmp_path / "big.csv"
    path.write_bytes(b"a\n" + b"x\n" * 600_000)
    assert refusal(path) == "文件超过 1 MB，请拆分成几个较小的文件。"
    assert len(list(open_rows(path, ["a"], limits=Limits.feed()))) == 600_000


def test_old_xls_and_password_protected_files_are_named(tmp_path):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "设置了密码" in refusal(path)


def test_good_files_read_as_before(tmp_path):
    book = Workbook()
    book.active.append(["姓名", "日期", "金额"])
    book.active.append(["张三", datetime.date(2025, 3, 1), 12.5])
    book.active.append([None, None, None])
    book.active.append(["李四", "2025-03-02", 7])
    book.save(tmp_path / "good.xlsx")
    rows = list(open_rows(tmp_path / "good.xlsx", ["姓名"]))
    assert [(row.number, row.text("姓名"), row.text("金额")) for row in rows] == [
        (2, "张三", "12.5"),
        (4, "李四", "7"),
    ]
    assert rows[0].values["日期"] == datetime.datetime(2025, 3, 1)
    gbk = io.BytesIO("姓名,金额\n张三,1\n".encode("gbk"))
    assert [row.text("姓名") for row in open_rows(gbk, ["姓名"])] == ["张三"]
    assert check_table(io.BytesIO("\ufeff姓名\n张三\n\n李四\n".encode())) == 3


def test_the_progress_estimate_never_fails_on_a_broken_file(tmp_path):
    """estimate_rows read a truncated workbook with openpyxl: a 500 on every import page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gonghui.core.jobs import estimate_rows

    cut = hostile.truncated_xlsx(tmp_path / "cut.xlsx", HEADER, [ROW] * 50).read_bytes()
    assert estimate_rows(SimpleUploadedFile("cut.xlsx", cut)) == 0
    good = hostile.small_xlsx(tmp_path / "good.xlsx", HEADER, [ROW] * 3).read_bytes()
    assert estimate_rows(SimpleUploadedFile("good.xlsx", good)) == 3
    upload = SimpleUploadedFile("a.csv", b"a\n1\n2\n")
    upload.table_rows = 7  # what the upload form's check found
    assert estimate_rows(upload) == 7
