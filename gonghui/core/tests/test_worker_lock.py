"""SQLite under a long write: the task worker waits while another process holds the write
lock longer than its busy timeout, then runs its task, instead of exiting."""

import subprocess
import sys
import textwrap

import pytest
from django.db import connection

from gonghui.core.tests import processes

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's single write lock")

HOLD = textwrap.dedent(
    """
    import sqlite3, sys
    db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
    db.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    sys.stdin.readline()  # until the test says so
    db.execute("COMMIT")
    """
)


def test_the_worker_waits_out_a_writer_holding_the_lock(tmp_path_factory, tmp_path):
    template = tmp_path_factory.getbasetemp() / "migrated-sqlite"
    database = processes.migrated_sqlite(template, tmp_path / "data")
    env = processes.environment(tmp_path / "data", SQLITE_BUSY_TIMEOUT="1")
    processes.manage(
        env,
        "shell",
        "-c",
        "from gonghui.core.tasks import prune_scheduled_runs; prune_scheduled_runs.enqueue()",
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "holding"
    log = tmp_path / "worker.log"
    worker = processes.start(env, log, "db_worker", "--interval", "0.2", "--no-startup-delay")
    try:
        # The worker meets the lock and outlasts its busy timeout (1 s) before it is let go.
        processes.wait_for(
            lambda: worker.poll() is not None or "database locked" in log.read_text(),
            timeout=90,
            what="the worker to meet the lock",
        )
        assert worker.poll() is None, log.read_text()
        holder.communicate("release\n", timeout=30)

        def status():
            sql = "SELECT status FROM django_tasks_database_dbtaskresult"
            return processes.query(str(database), sql)[0][0]

        processes.wait_for(
            lambda: status() in {"SUCCESSFUL", "FAILED"}, timeout=30, what="the task to run"
        )
        assert status() == "SUCCESSFUL"
        assert worker.poll() is None, log.read_text()
    finally:
        worker.terminate()
        worker.wait(timeout=10)
        holder.kill()
