"""The two passes of a long import (core.rowimport): every row checked before any is
written, then written in chunks; a row that cannot be written after all stops the import
and the report says what was written."""

import datetime

import pytest
from django.utils import timezone

from gonghui.core.imports import RowError
from gonghui.core.models import ScheduledRun
from gonghui.core.rowimport import RowImport, import_rows

PERIOD = timezone.make_aware(datetime.datetime(2026, 1, 1))


class Names(RowImport):
    """Writes one ScheduledRun a row: a table of the core that nothing else writes here."""

    columns = ["名称"]
    summary_keys = ("rows", "written", "rejected")

    def __init__(self, skip_bad_rows=False):
        self.skip_bad_rows = skip_bad_rows
        self.checked: list[int] = []

    def check(self, row):
        self.checked.append(row.number)
        if row.text("名称") == "bad":
            raise RowError("不行")
        return ["提醒"] if row.text("名称") == "warn" else []

    def write(self, row):
        if row.text("名称") == "clash":
            raise RowError("已被别人占用")
        ScheduledRun.objects.create(name=row.text("名称"), period=PERIOD)
        return {"written": 1}


def csv(tmp_path, names):
    path = tmp_path / "names.csv"
    path.write_text("名称\n" + "".join(f"{name}\n" for name in names), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def small_chunks(settings):
    settings.IMPORT_CHUNK_ROWS = 2


@pytest.mark.django_db
def test_a_refused_row_refuses_the_file_after_every_row_is_checked(tmp_path):
    importer = Names()
    report = import_rows(importer, csv(tmp_path, ["a", "bad", "c", "bad"]))
    assert not report.applied and report.errors == [(3, "不行"), (5, "不行")]
    assert importer.checked == [2, 3, 4, 5]
    assert report.summary == {"rows": 4, "written": 0, "rejected": 2}
    assert not ScheduledRun.objects.exists()


@pytest.mark.django_db
def test_good_file_is_written_with_its_warnings(tmp_path):
    report = import_rows(Names(), csv(tmp_path, ["a", "warn", "c", "d", "e"]))
    assert report.applied and report.warnings == [(3, "提醒")]
    assert report.summary == {"rows": 5, "written": 5, "rejected": 0}
    assert sorted(ScheduledRun.objects.values_list("name", flat=True)) == [
        "a",
        "c",
        "d",
        "e",
        "warn",
    ]


@pytest.mark.django_db
def test_skipping_bad_rows_writes_the_others(tmp_path):
    report = import_rows(Names(skip_bad_rows=True), csv(tmp_path, ["a", "bad", "c"]))
    assert report.applied and report.summary == {"rows": 3, "written": 2, "rejected": 1}
    assert set(ScheduledRun.objects.values_list("name", flat=True)) == {"a", "c"}


@pytest.mark.django_db
def test_a_row_that_cannot_be_written_stops_the_import_and_says_what_was_written(tmp_path):
    # Chunks of two: rows 2-3 and 4-5 are written, row 6 fails in the third chunk, whose
    # row 7 was not written either.
    report = import_rows(Names(), csv(tmp_path, ["a", "b", "c", "d", "clash", "f", "g"]))
    assert not report.applied and report.failed
    assert "第 6 行" in report.file_error and "已被别人占用" in report.file_error
    assert "第 5 行及以前的行已写入" in report.file_error
    assert report.summary["written"] == 4
    assert sorted(ScheduledRun.objects.values_list("name", flat=True)) == ["a", "b", "c", "d"]


@pytest.mark.django_db
def test_the_first_row_failing_writes_nothing(tmp_path):
    report = import_rows(Names(), csv(tmp_path, ["clash", "b"]))
    assert report.failed and "未写入任何数据" in report.file_error
    assert not ScheduledRun.objects.exists()
