"""SQLite under a long write: while `import_enrollment` writes a long file, another process
(a page saving something) still gets the write lock within a chunk's time, never waiting
out its busy timeout. Before, the import held the lock for the whole file."""

import datetime
import sqlite3
import statistics
import subprocess
import time

import pytest
from django.db import connection

from gonghui.core import sample
from gonghui.core.tests import processes

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single write lock")

ROWS = 1500
BUSY_TIMEOUT = 3.0  # what the "page" below waits for the lock before failing


def files(folder):
    orgs = folder / "orgs.csv"
    orgs.write_text("编码,名称,类型,上级编码\nLQ,路桥区总工会,总工会,\nLQ-1,一厂工会,单建工会,LQ\n")
    enrollment = folder / "enrollment.csv"
    with enrollment.open("w", encoding="utf-8") as handle:
        handle.write("工会编码,姓名,身份证号,参保项目,参保日期\n")
        for i in range(ROWS):
            birth = datetime.date(1970, 1, 1) + datetime.timedelta(days=i // 900)
            number = sample.id_number(birth, 100 + i % 900)
            handle.write(f"LQ-1,职工{i},{number},住院,2027-01-05\n")
    return orgs, enrollment


def test_a_page_can_write_while_an_import_runs(tmp_path_factory, tmp_path):
    template = tmp_path_factory.getbasetemp() / "migrated-sqlite"
    database = processes.migrated_sqlite(template, tmp_path / "data")
    env = processes.environment(tmp_path / "data", IMPORT_CHUNK_ROWS="100")
    orgs, enrollment = files(tmp_path)
    processes.manage(env, "import_orgs", str(orgs))
    processes.manage(
        env, "create_period", "--federation", "LQ", "--code", "LQ2027", "--start", "2027-01-01",
        "--end", "2027-12-31",
    )  # fmt: skip
    importing = subprocess.Popen(
        [*processes.MANAGE, "import_enrollment", str(enrollment), "--period", "LQ2027"],
        env=env,
        cwd=processes.ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    page = sqlite3.connect(database, timeout=BUSY_TIMEOUT, isolation_level=None)
    page.execute("CREATE TABLE IF NOT EXISTS page_writes (at REAL)")
    waits, refused = [], []
    while importing.poll() is None:
        started = time.monotonic()
        try:
            page.execute("BEGIN IMMEDIATE")
            page.execute("INSERT INTO page_writes VALUES (?)", (started,))
            page.execute("COMMIT")
            waits.append(time.monotonic() - started)
        except sqlite3.OperationalError as exc:
            refused.append(str(exc))
        time.sleep(0.1)
    output = importing.stdout.read()
    assert importing.returncode == 0, output
    assert f'"enrollments": {ROWS}' in output
    assert refused == []
    assert len(waits) > 10 and max(waits) < BUSY_TIMEOUT
    assert statistics.median(waits) < 0.5
