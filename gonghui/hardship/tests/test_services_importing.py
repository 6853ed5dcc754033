"""Import of an old system's files: all or nothing, every bad row named; the same service
behind the staff page and `manage.py import_hardship`."""

import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from openpyxl import Workbook

from gonghui.hardship.models import Action, Channel, HardshipFile, Status, Tier
from gonghui.hardship.services.importing import IMPORT_COLUMNS, files_import
from gonghui.hardship.tests.factories import set_standard
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db

HEADER = IMPORT_COLUMNS + [
    "姓名",
    "次要致困原因",
    "医疗支出",
    "建档日期",
    "最近复核日期",
    "家庭成员",
]


def _csv(path, rows, encoding="utf-8-sig"):
    lines = [",".join(HEADER)] + [",".join(row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _row(worker, tier="深度困难", cause="因病", income="30000", people="3", **extra):
    values = {
        "姓名": worker.name,
        "次要致困原因": "因学、失业",
        "医疗支出": "6000",
        "建档日期": "2023-03-01",
        "最近复核日期": "2024-03-01",
        "家庭成员": "配偶:李梅:45;子女:王小明:12:小学",
        **extra,
    }
    return [worker.id_number, tier, cause, income, people] + [values[c] for c in HEADER[5:]]


def test_hardship_import_creates_active_files_with_family_and_history(tree, staff, tmp_path):
    set_standard(staff, tree)
    first, second = member(tree.union_a1), member(tree.union_a2)
    path = _csv(tmp_path / "old.csv", [_row(first), _row(second, tier="相对困难", income="60000")])
    report = files_import(actor=staff.town_a, source=path)
    assert report.applied, report.errors
    assert report.summary == {"rows": 2, "created": 2, "family_members": 4, "rejected": 0}
    file = HardshipFile.objects.get(member=first)
    assert (file.status, file.tier, file.channel) == (Status.ACTIVE, Tier.DEEP, Channel.IMPORT)
    assert file.secondary_causes == ["schooling", "unemployment"]
    assert file.spending_illness == Decimal("6000.00")
    assert str(file.reviewed_on) == "2024-03-01"
    assert file.suggested_tier == Tier.DEEP  # (30,000 − 6,000) ÷ 12 ÷ 3 = 666.67 < 1,000
    assert [(r.relation, r.age, r.schooling) for r in file.family.all()] == [
        ("spouse", 45, ""),
        ("child", 12, "primary"),
    ]
    event = file.events.get()
    assert (event.action, event.to_status, event.actor) == (
        Action.IMPORT,
        Status.ACTIVE,
        staff.town_a,
    )
    assert file.decisions.get().tier == Tier.DEEP


def test_hardship_import_refuses_the_whole_file_and_names_each_bad_row(tree, staff, tmp_path):
    good, outsider = member(tree.union_a1), member(tree.union_b1)
    rows = [
        _row(good),
        _row(good),  # twice
        _row(outsider),  # not in town A's subtree
        _row(member(tree.union_a1), tier="很困难"),
        _row(member(tree.union_a1), people="0"),
        _row(member(tree.union_a1), income="三万"),
        _row(member(tree.union_a1), **{"家庭成员": "配偶:李梅"}),
    ]
    with translation.override("en"):
        report = files_import(
            actor=staff.town_a, source=_csv(tmp_path / "bad.csv", rows, "gb18030")
        )
    assert not report.applied
    assert [number for number, _message in report.errors] == [3, 4, 5, 6, 7, 8]
    assert report.errors[0][1] == "This ID number is also in row 2."
    assert report.errors[1][1] == "No member of a union you keep has this ID number."
    assert report.errors[2][1].startswith("困难类型 “很困难” is not one of 深度困难、特困")
    assert report.summary["created"] == 0 and report.summary["rejected"] == 6
    assert not HardshipFile.objects.exists()
    assert report.errors_csv().startswith("\ufeff行号,原因")


def test_hardship_import_reads_xlsx_and_refuses_a_member_with_an_open_file(tree, staff, tmp_path):
    worker = member(tree.union_a1)
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(_row(worker))
    path = tmp_path / "old.xlsx"
    workbook.save(path)
    assert files_import(actor=staff.union_a1, source=path).applied
    again = files_import(actor=staff.union_a1, source=path)
    assert not again.applied
    assert again.errors[0][0] == 2


def test_hardship_import_command_prints_a_json_summary_and_exits_1_on_refusal(
    tree, staff, tmp_path, capsys
):
    worker = member(tree.union_a1)
    path = _csv(tmp_path / "old.csv", [_row(worker)])
    call_command("import_hardship", str(path))
    out = capsys.readouterr().out.strip().splitlines()
    assert json.loads(out[-1]) == {"rows": 1, "created": 1, "family_members": 2, "rejected": 0}
    assert HardshipFile.objects.get(member=worker).events.get().actor is None
    with pytest.raises(SystemExit) as exit_:
        call_command("import_hardship", str(path))
    assert exit_.value.code == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("第 2 行")
    assert json.loads(out[-1])["rejected"] == 1
    with pytest.raises(CommandError) as error:
        call_command("import_hardship", str(path), user=staff.auditor.username)
    assert error.value.returncode == 2
