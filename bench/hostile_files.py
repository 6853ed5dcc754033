"""Hostile files against every importer, each in a fresh process: the peak memory and the time
to refuse an xlsx bomb (1 MB holding one 1 GiB cell, as a shared text and inline in the sheet)
and a sheet of 4 million rows (about 20 MB, no declared size, so every row is counted).

    python bench/hostile_files.py            # about a minute; prints a Markdown table

A throwaway SQLite database is built (migrate, a small organisation tree, a period, staff);
the importers run through gonghui.core.tests.probe (commands, and the pages in a web
process), which reports its own VmHWM."""

import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gonghui.core.tests import hostile  # noqa: E402

ENV = {
    "GONGHUI_ENCRYPTION_KEY": "YmVuY2htYXJrLW9ubHkta2V5LTAxMjM0NTY3ODlhYmM=",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-0123456789-not-for-production",
    "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    "SMS_BACKEND": "gonghui.notify.backends.OutboxOnlyBackend",
    "GONGHUI_OTP_REQUIRED": "false",
    "AXES_ENABLED": "false",
}
SETUP = """
from gonghui.orgs.tests.factories import build_tree, make_staff
from gonghui.mutual_aid.tests.factories import make_period
tree = build_tree()
staff = make_staff(tree)
period = make_period(tree.county, code="T2021")
print(period.pk, staff.town_a.username, staff.admin.username)
"""
IMPORTERS = [
    ("import_orgs", ["command", "import_orgs", "{file}"]),
    ("import_enrollment", ["command", "import_enrollment", "{file}", "--period", "T2021"]),
    ("import_hardship", ["command", "import_hardship", "{file}"]),
    ("import_settlements", ["command", "import_settlements", "{file}", "--federation", "T"]),
    ("member import page", ["page", "{town}", "/staff/members/import/", "{file}"]),
    (
        "enrollment import page",
        ["page", "{town}", "/staff/mutual-aid/periods/{period}/import/", "{file}"],
    ),
    ("hardship import page", ["page", "{town}", "/staff/hardship/import/", "{file}"]),
    ("settlement upload page", ["page", "{admin}", "/staff/medinsure/upload/", "{file}"]),
]


def four_million_rows(path: Path) -> Path:
    """One number a row, as a plain export writes it (about 20 MB zipped)."""
    rows = 4_000_000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in hostile._package(hostile.Part("xl/worksheets/sheet1.xml", b"")):
            if part.name != "xl/worksheets/sheet1.xml":
                archive.writestr(part.name, part.head)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((hostile._sheet_head() + hostile._row(["编号"])).encode())
            for start in range(2, rows + 2, 100_000):
                sheet.write(
                    "".join(
                        f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>'
                        for n in range(start, start + 100_000)
                    ).encode()
                )
            sheet.write(hostile.SHEET_TAIL)
    return path


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="hostile-bench-"))
    env = {**os.environ, **ENV, "GONGHUI_DATA_DIR": str(work), "MEDIA_ROOT": str(work / "media")}
    env.pop("DATABASE_URL", None)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    made = subprocess.run(
        [python, "manage.py", "shell", "-c", SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    period, town, admin = made.stdout.split()[-3:]
    files = {
        "bomb (shared text)": hostile.bomb_xlsx(work / "bomb.xlsx", ["编号"]),
        "bomb (inline)": hostile.bomb_xlsx(work / "inline.xlsx", ["编号"], where="inline"),
        "4 million rows": four_million_rows(work / "huge.xlsx"),
    }
    sizes = {name: f"{path.stat().st_size / 2**20:.1f} MB" for name, path in files.items()}
    print(f"files: {json.dumps(sizes, ensure_ascii=False)}; database and files in {work}\n")
    print("| importer | " + " | ".join(files) + " |")
    print("|---|" + "---|" * len(files))
    for name, template in IMPORTERS:
        cells = []
        for path in files.values():
            values = {"file": str(path), "town": town, "admin": admin, "period": period}
            args = [part.format(**values) for part in template]
            started = time.monotonic()
            done = subprocess.run(
                [python, "-m", "gonghui.core.tests.probe", *args],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
            )
            wall = time.monotonic() - started
            answer = json.loads(done.stdout.splitlines()[-1])
            refused = answer.get("exit") == 1 or answer.get("status") == 200
            cells.append(
                f"{'refused' if refused else 'NOT REFUSED'} in {answer['seconds']:.2f} s "
                f"({wall:.1f} s with start-up), peak {answer['peak_mb']} MB"
            )
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
