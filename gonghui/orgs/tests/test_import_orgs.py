import io
import json

import pytest
from django.core.management import call_command

from gonghui.orgs.models import Organisation, OrgKind
from gonghui.orgs.services import orgs_import

HEADER = "编码,名称,类型,上级编码\n"
# Children before their parents, as an export from an old system often has them.
GOOD = (
    HEADER
    + "LQ01-U01,台州市华达机电有限公司工会委员会,单建工会,LQ01\n"
    + "LQ01-U02,路桥街道第一联合工会,联合工会,LQ01\n"
    + "LQ01,路桥街道总工会,街道总工会,LQ\n"
    + "LQ02,新桥镇总工会,乡镇总工会,LQ\n"
    + "LQ,路桥区总工会,总工会,\n"
)


def write(tmp_path, text, encoding="utf-8", name="orgs.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.django_db
def test_children_before_parents_build_the_tree(tmp_path):
    report = orgs_import(source=write(tmp_path, GOOD))
    assert report.applied
    assert report.summary == {"rows": 5, "created": 5, "updated": 0, "rejected": 0}
    county = Organisation.objects.get(code="LQ")
    union = Organisation.objects.get(code="LQ01-U01")
    assert union.parent.code == "LQ01" and union.parent.parent == county
    assert union.kind == OrgKind.SINGLE
    assert union.path == f"/{county.pk}/{union.parent.pk}/{union.pk}/"
    assert union.depth == 2
    subtree = Organisation.objects.filter(path__startswith=union.parent.path)
    assert set(subtree.values_list("code", flat=True)) == {"LQ01", "LQ01-U01", "LQ01-U02"}


@pytest.mark.django_db
def test_gbk_file_and_second_import_updates(tmp_path):
    orgs_import(source=write(tmp_path, GOOD, "gbk"))
    renamed = GOOD.replace("新桥镇总工会", "新桥镇总工会（新）")
    report = orgs_import(source=write(tmp_path, renamed, "gbk", "again.csv"))
    assert report.summary == {"rows": 5, "created": 0, "updated": 5, "rejected": 0}
    assert Organisation.objects.get(code="LQ02").name == "新桥镇总工会（新）"
    assert Organisation.objects.count() == 5


@pytest.mark.django_db
def test_one_bad_row_refuses_the_whole_file_naming_the_row(tmp_path):
    bad = GOOD.replace("LQ02,新桥镇总工会,乡镇总工会,LQ", "LQ02,新桥镇总工会,镇工会,LQ")
    report = orgs_import(source=write(tmp_path, bad))
    assert not report.applied
    assert [number for number, _ in report.errors] == [5]
    assert "镇工会" in report.errors[0][1]
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_unknown_parent_cycle_and_duplicate_are_refused(tmp_path):
    text = (
        HEADER
        + "A,甲,总工会,\n"
        + "B,乙,乡镇总工会,ZZ\n"
        + "C,丙,乡镇总工会,D\n"
        + "D,丁,乡镇总工会,C\n"
        + "A,甲二,总工会,\n"
        + "E,戊,单建工会,\n"
    )
    report = orgs_import(source=write(tmp_path, text))
    messages = dict(report.errors)
    assert set(messages) == {3, 4, 5, 6, 7}
    assert "ZZ" in messages[3]
    assert "循环" in messages[4] or "circle" in messages[4]
    assert "6" in messages[6] or "2" in messages[6]
    assert Organisation.objects.count() == 0


@pytest.mark.django_db
def test_command_prints_rows_and_json_and_exits_1_when_refused(tmp_path, capsys):
    bad = GOOD.replace("LQ,路桥区总工会,总工会,", "LQ,路桥区总工会,总工会,LQ")
    path = write(tmp_path, bad)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_orgs", str(path), stdout=out)
    assert exit_info.value.code == 1
    lines = out.getvalue().strip().splitlines()
    assert lines[0].startswith("第 6 行")
    assert json.loads(lines[-1])["rejected"] == 1
    out = io.StringIO()
    call_command("import_orgs", str(write(tmp_path, GOOD, name="good.csv")), stdout=out)
    assert json.loads(out.getvalue().strip().splitlines()[-1])["created"] == 5


@pytest.mark.django_db
def test_xlsx_file_is_read(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in GOOD.strip().splitlines():
        sheet.append(line.split(","))
    path = tmp_path / "orgs.xlsx"
    workbook.save(path)
    assert orgs_import(source=path).summary["created"] == 5
