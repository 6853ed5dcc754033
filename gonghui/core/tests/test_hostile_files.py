"""Suite "Hostile files": every importer, page and command, is fed an xlsx bomb (1 MB holding
a 1 GiB cell), a sheet of 4 million rows, a truncated workbook, a CSV with a 10 MB cell, a
CSV whose encoding changes half-way and names written as formulas. Each is refused with a
clear Chinese message (exit status 1 for a command), nothing is written, and the bomb is
refused in a fresh process whose peak memory stays under 300 MB."""

import datetime
import io
import json
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from gonghui.core import sample
from gonghui.core.models import ImportJob
from gonghui.core.tests import hostile
from gonghui.hardship.models import FamilyMember, HardshipFile
from gonghui.hardship.services.importing import IMPORT_COLUMNS as HARDSHIP_COLUMNS
from gonghui.medinsure import feedfiles
from gonghui.medinsure.models import BenefitNotice, SettlementImport, SettlementRecord
from gonghui.mutual_aid.models import Enrollment
from gonghui.mutual_aid.services.enrollment import ENROLLMENT_COLUMNS
from gonghui.mutual_aid.tests.factories import make_period
from gonghui.orgs.importing import MEMBER_IMPORT_COLUMNS
from gonghui.orgs.models import Member, Organisation
from gonghui.orgs.tests.factories import member

PEAK_MB = 300
FORMULAS = ["=1+1", '=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1"]
FORMULA_REFUSAL = "不能以 =、+、- 或 @ 开头"
MODELS = [
    Organisation,
    Member,
    Enrollment,
    HardshipFile,
    FamilyMember,
    SettlementImport,
    SettlementRecord,
    BenefitNotice,
    ImportJob,
]
ORG_COLUMNS = ["编码", "名称", "类型", "上级编码"]


@dataclass(frozen=True)
class Importer:
    name: str
    columns: list[str]
    feed: bool = False  # the settlement feed: bigger limits, bad rows rejected one by one
    page: bool = False


IMPORTERS = [
    Importer("import_orgs", ORG_COLUMNS),
    Importer("import_enrollment", ENROLLMENT_COLUMNS),
    Importer("import_hardship", HARDSHIP_COLUMNS),
    Importer("import_settlements", feedfiles.HEADER, feed=True),
    Importer("member import page", MEMBER_IMPORT_COLUMNS, page=True),
    Importer("enrollment import page", ENROLLMENT_COLUMNS, page=True),
    Importer("hardship import page", HARDSHIP_COLUMNS, page=True),
    Importer("settlement upload page", feedfiles.HEADER, feed=True, page=True),
]
IDS = [importer.name for importer in IMPORTERS]


@pytest.fixture
def world(tree, staff):
    period = make_period(tree.county, code="T2021")
    keep = [member(tree.union_a1) for _formula in FORMULAS]
    return {"tree": tree, "staff": staff, "period": period, "members": keep}


def counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def valid_row(importer: Importer, world, n: int, name: str = "张三") -> list[str]:
    """A row the importer would accept, but for the name."""
    number = sample.id_number(datetime.date(1985, 3, 1 + n), 300 + n)
    if importer.columns is ORG_COLUMNS:
        return [f"TA-X{n}", name, "单建工会", "TA"]
    if importer.columns is MEMBER_IMPORT_COLUMNS:
        return ["TA-1", name, number, f"1391234{n:04d}"]
    if importer.columns is ENROLLMENT_COLUMNS:
        return ["TA-1", name, number, "住院", world["period"].enrollment_opens.isoformat()]
    if importer.columns is HARDSHIP_COLUMNS:
        # The name sits in 家庭成员, an optional column: appended after the required ones.
        keep = world["members"][n]
        return [keep.id_number, "深度困难", "因病", "12000", "2", f"配偶:{name}:45"]
    values = feedfiles.row(结算流水号=f"S{n}", 身份证号=number, 姓名=name)
    values.update(入院日期="2021-03-01", 出院日期="2021-03-05", 结算日期="2021-03-06")
    return [values.get(column, "") for column in feedfiles.HEADER]


def header_of(importer: Importer) -> list[str]:
    return importer.columns + (["家庭成员"] if importer.columns is HARDSHIP_COLUMNS else [])


def run(importer: Importer, world, client_for, path: Path, capture) -> str:
    """Feed the file; return what the clerk reads (the command's output, the page)."""
    staff = world["staff"]
    if not importer.page:
        args = {
            "import_orgs": [],
            "import_enrollment": ["--period", "T2021"],
            "import_hardship": [],
            "import_settlements": ["--federation", "T"],
        }[importer.name]
        out = io.StringIO()
        try:
            call_command(importer.name, str(path), *args, stdout=out)
        except SystemExit as exit_:
            assert exit_.code == 1
        else:
            # Only the feed applies a file whose bad rows it rejects (commands.md).
            assert importer.feed
        return out.getvalue()
    if importer.name == "settlement upload page":
        client = client_for(staff.admin)
        url = "/staff/medinsure/upload/"
    else:
        client = client_for(staff.town_a)
        url = {
            "member import page": "/staff/members/import/",
            "enrollment import page": f"/staff/mutual-aid/periods/{world['period'].pk}/import/",
            "hardship import page": "/staff/hardship/import/",
        }[importer.name]
    with capture(execute=True), open(path, "rb") as upload:
        response = client.post(url, {"file": upload})
    if response.status_code == 302:  # the file passed the form: the job says what happened
        job = ImportJob.objects.get()
        assert job.status == ImportJob.Status.REFUSED
        return client.get(response["Location"]).content.decode()
    assert response.status_code == 200
    page = response.content.decode()
    if importer.feed and 'name="token"' in page:  # the preview: confirm its mapping
        from gonghui.medinsure.tests.test_upload import mapping_post

        with capture(execute=True):
            done = client.post(url, mapping_post(page))
        job = ImportJob.objects.get()
        assert job.status == ImportJob.Status.APPLIED and job.summary["imported"] == 0
        return client.get(done["Location"]).content.decode()
    return page


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The files every importer shares; the big ones are made once."""
    folder = tmp_path_factory.mktemp("hostile")
    return {
        "bomb": hostile.bomb_xlsx(folder / "bomb.xlsx", ["编码"]),
        "bomb inline": hostile.bomb_xlsx(folder / "inline.xlsx", ["编码"], where="inline"),
        "folder": folder,
    }


def make(kind: str, importer: Importer, world, files) -> Path:
    folder, header = files["folder"], header_of(importer)
    path = folder / f"{kind}-{importer.name.replace(' ', '-')}"
    if kind == "huge":
        # Three cells a row keep the sheet within what an .xlsx may unpack to.
        return hostile.huge_xlsx(
            path.with_suffix(".xlsx"), header, valid_row(importer, world, 0)[:3], dimension=False
        )
    if kind == "truncated":
        rows = [valid_row(importer, world, 0)] * 50
        return hostile.truncated_xlsx(path.with_suffix(".xlsx"), header, rows)
    if kind == "big cell":
        return hostile.big_cell_csv(path.with_suffix(".csv"), header)
    if kind == "switching":
        return hostile.switching_csv(
            path.with_suffix(".csv"), header, valid_row(importer, world, 0)
        )
    assert kind == "formula"
    rows = [valid_row(importer, world, n, name) for n, name in enumerate(FORMULAS)]
    text = feedfiles.csv_bytes([dict(zip(header, row, strict=True)) for row in rows], header=header)
    path = path.with_suffix(".csv")
    path.write_bytes(text)
    return path


EXPECTED = {
    "bomb": "超过 32 MB",
    "bomb inline": "第 2 行有单元格超过 32,767 个字符",
    "truncated": "文件已损坏或不完整",
    "big cell": "第 2 行太长",
    "switching": "文件编码在中途发生变化（第 5002 行）",
    "formula": FORMULA_REFUSAL,
}


@pytest.mark.django_db
@pytest.mark.parametrize("importer", IMPORTERS, ids=IDS)
@pytest.mark.parametrize("kind", [*EXPECTED, "huge"])
def test_every_importer_refuses_every_hostile_file_and_writes_nothing(
    importer, kind, world, files, client_for, django_capture_on_commit_callbacks
):
    path = files[kind] if kind.startswith("bomb") else make(kind, importer, world, files)
    before = counts()
    started = time.monotonic()
    shown = run(importer, world, client_for, path, django_capture_on_commit_callbacks)
    elapsed = time.monotonic() - started
    if kind == "huge":
        assert ("1,000,000" if importer.feed else "300,000") in shown
        assert "行数据，请拆分成几个较小的文件" in shown
        assert elapsed < 15, f"4 million rows took {elapsed:.1f} s to refuse"
    else:
        assert EXPECTED[kind] in shown
    after = counts()
    if kind == "formula" and importer.page:
        after["ImportJob"] -= 1  # the job that refused the rows (checked in run())
    if kind == "formula" and importer.feed:
        # The feed rejects the rows and keeps a record of the import, which stored nothing.
        after["SettlementImport"] -= 1
    assert after == before


def subprocess_database(tmp_path) -> str:
    """A database URL another process can open: the test database itself on PostgreSQL, a
    file copy of the in-memory test database on SQLite."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(tmp_path / "probe.sqlite3")
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{tmp_path / 'probe.sqlite3'}"
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def probe_args(importer: Importer, world, path: Path) -> list[str]:
    """The arguments of gonghui.core.tests.probe for this importer."""
    staff = world["staff"]
    if importer.page:
        url, user = {
            "member import page": ("/staff/members/import/", staff.town_a),
            "enrollment import page": (
                f"/staff/mutual-aid/periods/{world['period'].pk}/import/",
                staff.town_a,
            ),
            "hardship import page": ("/staff/hardship/import/", staff.town_a),
            "settlement upload page": ("/staff/medinsure/upload/", staff.admin),
        }[importer.name]
        return ["page", user.username, url, str(path)]
    args = {
        "import_enrollment": ["--period", "T2021"],
        "import_settlements": ["--federation", "T"],
    }.get(importer.name, [])
    return ["command", importer.name, str(path), *args]


@pytest.mark.django_db(transaction=True)
def test_the_bomb_is_refused_in_bounded_memory_by_every_importer(world, files, tmp_path):
    """Each importer in its own process (a command, or the web process serving the page),
    all at once; each reports its own peak memory, which stays under 300 MB."""
    env = {
        **os.environ,
        "DATABASE_URL": subprocess_database(tmp_path),
        "GONGHUI_DATA_DIR": str(tmp_path),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "GONGHUI_OTP_REQUIRED": "false",
        "AXES_ENABLED": "false",
    }
    running = {
        (importer.name, kind): subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gonghui.core.tests.probe",
                *probe_args(importer, world, files[kind]),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for importer in IMPORTERS
        for kind in ("bomb", "bomb inline")
    }
    peaks = {}
    for (name, kind), process in running.items():
        shown, _ = process.communicate(timeout=120)
        assert process.returncode == 0, shown
        answer = json.loads(shown.splitlines()[-1])
        if "page" in answer:
            assert answer["status"] == 200 and EXPECTED[kind] in answer["page"], (name, kind)
        else:
            assert answer["exit"] == 1 and EXPECTED[kind] in answer["output"], answer
        peaks[f"{name} / {kind}"] = answer["peak_mb"]
    print("peak memory (MB) refusing the bomb:", json.dumps(peaks, ensure_ascii=False))
    assert max(peaks.values()) < PEAK_MB, peaks
