"""Real processes for the tests that need them (a task worker killed, a second writer holding
SQLite's lock): a database of their own, migrated once per test session and copied for each
test (SQLite) or created and dropped per test (PostgreSQL, from DATABASE_URL)."""

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[3]
MANAGE = [sys.executable, str(ROOT / "manage.py")]


def environment(data_dir: Path, database_url: str = "", **extra: str) -> dict[str, str]:
    """The test session's environment (its keys), with the database task backend."""
    env = {
        **os.environ,
        "GONGHUI_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "AXES_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("MEDIA_ROOT", None)
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: float = 180) -> str:
    done = subprocess.run(
        [*MANAGE, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    if done.returncode != 0:
        raise AssertionError(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def start(env: dict, log: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*MANAGE, *args], env=env, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT
    )


def migrated_sqlite(template_dir: Path, data_dir: Path) -> Path:
    """A migrated SQLite file in data_dir, copied from one migrated once in template_dir."""
    template = template_dir / "db.sqlite3"
    if not template.exists():
        template_dir.mkdir(parents=True, exist_ok=True)
        manage(environment(template_dir), "migrate", "--noinput", "-v", "0")
    data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, data_dir / "db.sqlite3")
    return data_dir / "db.sqlite3"


class PostgresDatabase:
    """A database of its own on the server of DATABASE_URL, dropped at the end."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.name = f"gh_fault_{uuid.uuid4().hex[:10]}"
        self.admin = urlunsplit(parts._replace(path="/postgres"))
        self.url = urlunsplit(parts._replace(path=f"/{self.name}"))

    def __enter__(self) -> "PostgresDatabase":
        with psycopg.connect(self.admin, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.name}"')
        return self

    def __exit__(self, *exc) -> None:
        with psycopg.connect(self.admin, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def query(database: str, sql: str, params=()) -> list[tuple]:
    """Read the processes' database from the test: `database` is a SQLite path or a URL."""
    if database.startswith("postgres"):
        with psycopg.connect(database, autocommit=True) as connection:
            return connection.execute(sql.replace("?", "%s"), params).fetchall()
    connection = sqlite3.connect(database, timeout=30)
    try:
        return connection.execute(sql, params).fetchall()
    finally:
        connection.close()


def wait_for(condition, *, timeout: float, every: float = 0.2, what: str = "a condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
