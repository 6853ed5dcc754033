"""Suite "Fault": a real task worker is killed (SIGKILL) in the middle of writing a long
member import; another worker, started after the scheduler's sweep found the job silent,
resumes it from its last written chunk. The job ends applied, marked resumed, with the
summary of the whole file, and every member is in the database once.

Runs against a file-based SQLite database, and against PostgreSQL (marked `postgres`) when
the suite runs under DATABASE_URL=postgres://…"""

import datetime
import json
import os
import signal
import textwrap
import time

import pytest
from django.db import connection

from gonghui.core import sample
from gonghui.core.tests import processes

ROWS = 12_000
STALE = "3"  # seconds without a heartbeat before a job is taken over


def members_csv(path):
    with path.open("w", encoding="utf-8") as handle:
        handle.write("工会编码,姓名,身份证号,手机号\n")
        for i in range(ROWS):
            birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=i // 900)
            number = sample.id_number(birth, 100 + i % 900, area="331081")
            handle.write(f"TA-1,职工{i},{number},139{i:08d}\n")
    return path


SETUP = textwrap.dedent(
    """
    from django.core.files import File
    from django.db import transaction
    from gonghui.core.jobs import import_job_create
    from gonghui.orgs.tests.factories import build_tree, make_staff

    staff = make_staff(build_tree())
    with transaction.atomic(), open({path!r}, "rb") as upload:
        job = import_job_create(
            actor=staff.town_a, kind="members", upload=File(upload, name="members.csv")
        )
    print(job.pk)
    """
)


def kill_mid_write_and_resume(tmp_path, env, database: str):
    upload = members_csv(tmp_path / "members.csv")
    job_id = int(processes.manage(env, "shell", "-c", SETUP.format(path=str(upload))).split()[-1])

    def job():
        sql = "SELECT status, attempts, resumed_at, summary, file FROM core_importjob WHERE id = ?"
        return processes.query(database, sql, (job_id,))[0]

    def chunks():
        sql = "SELECT first_row, last_row FROM core_importchunk WHERE job_id = ? ORDER BY 1"
        return processes.query(database, sql, (job_id,))

    log = tmp_path / "workers.log"
    worker = processes.start(env, log, "db_worker", "--interval", "0.2", "--no-startup-delay")
    try:
        processes.wait_for(
            lambda: len(chunks()) >= 2, timeout=240, every=0.05, what="two chunks written"
        )
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    written = chunks()
    assert job()[0] == "running", log.read_text()
    assert written[-1][1] < ROWS + 1, "the import ended before the kill"
    members_before = processes.query(database, "SELECT count(*) FROM orgs_member")[0][0]
    assert members_before == written[-1][1] - 1  # what the chunks say, and no more

    time.sleep(float(STALE) + 1)  # the job goes silent
    processes.manage(env, "run_schedule", "--once", "-v", "0")  # its sweep hands the job over
    worker = processes.start(env, log, "db_worker", "--interval", "0.2", "--no-startup-delay")
    try:
        processes.wait_for(
            lambda: job()[0] in {"applied", "failed", "refused"},
            timeout=300,
            what="the resumed job to end",
        )
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    status, attempts, resumed_at, summary, file = job()
    summary = json.loads(summary) if isinstance(summary, str) else summary
    assert status == "applied", log.read_text()
    assert attempts == 2 and resumed_at is not None
    assert summary == {"rows": ROWS, "created": ROWS, "updated": 0, "rejected": 0}
    assert file == ""  # the upload is deleted
    assert processes.query(database, "SELECT count(*) FROM orgs_member")[0][0] == ROWS
    sql = "SELECT count(DISTINCT id_hash) FROM orgs_member"
    assert processes.query(database, sql)[0][0] == ROWS
    # The chunks tile the file: the resumed run started right after the last one written.
    rows = chunks()
    assert rows[: len(written)] == written and rows[0][0] == 2 and rows[-1][1] == ROWS + 1
    assert all(after[0] == before[1] + 1 for before, after in zip(rows, rows[1:], strict=False))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite run of the suite")
def test_killed_worker_on_sqlite(tmp_path_factory, tmp_path):
    template = tmp_path_factory.getbasetemp() / "migrated-sqlite"
    database = processes.migrated_sqlite(template, tmp_path / "data")
    env = processes.environment(tmp_path / "data", IMPORT_STALE_SECONDS=STALE)
    kill_mid_write_and_resume(tmp_path, env, str(database))


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_killed_worker_on_postgresql(tmp_path):
    with processes.PostgresDatabase(os.environ["DATABASE_URL"]) as database:
        env = processes.environment(tmp_path / "data", database.url, IMPORT_STALE_SECONDS=STALE)
        processes.manage(env, "migrate", "--noinput", "-v", "0")
        kill_mid_write_and_resume(tmp_path, env, database.url)
