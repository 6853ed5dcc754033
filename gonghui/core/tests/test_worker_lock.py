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
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)
    db.execute("BEGIN IMMEDIATE")
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
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
        [sys.executable, "-c", HOLD, str(database), "8"], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "holding"
    worker = processes.start(
        env, tmp_path / "worker.log", "db_worker", "--interval", "0.2", "--no-startup-delay"
    )
    try:
        # The worker meets the lock (its busy timeout is 1 s) long before the holder lets go.
        holder.wait(timeout=30)

        def status():
            sql = "SELECT status FROM django_tasks_database_dbtaskresult"
            return processes.query(str(database), sql)[0][0]

        processes.wait_for(
            lambda: status() in {"SUCCESSFUL", "FAILED"}, timeout=30, what="the task to run"
        )
        assert status() == "SUCCESSFUL"
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        assert "database locked" in (tmp_path / "worker.log").read_text()
    finally:
        worker.terminate()
        worker.wait(timeout=10)
        holder.kill()
