import datetime

import pytest
from openpyxl import Workbook

from gonghui.core import sample
from gonghui.orgs.importing import members_import
from gonghui.orgs.models import Member

HEADER = [
    "工会编码",
    "姓名",
    "身份证号",
    "手机号",
    "入会日期",
    "基本医疗保险",
    "生育保险",
    "新就业形态",
]


def rows(n, union="TA-1"):
    return [
        [
            union,
            f"职工{i}",
            sample.id_number(datetime.date(1980, 1, 1 + i), 100 + i),
            f"1391111{i:04d}",
            "2020/3/1",
            "是",
            "否",
            "快递员" if i == 0 else "",
        ]
        for i in range(n)
    ]


def xlsx(tmp_path, data):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    path = tmp_path / "members.xlsx"
    workbook.save(path)
    return path


@pytest.mark.django_db
def test_members_import_from_excel_creates_then_updates(tmp_path, tree, staff):
    data = rows(3)
    report = members_import(actor=staff.town_a, source=xlsx(tmp_path, data))
    assert report.applied and report.summary == {
        "rows": 3,
        "created": 3,
        "updated": 0,
        "rejected": 0,
    }
    courier = Member.objects.get(name="职工0")
    assert courier.employment_group == "courier"
    assert courier.join_date == datetime.date(2020, 3, 1)
    data[1][1] = "职工一改名"
    report = members_import(actor=staff.town_a, source=xlsx(tmp_path, data))
    assert report.summary["updated"] == 3
    assert Member.objects.filter(name="职工一改名").count() == 1


@pytest.mark.django_db
def test_members_import_gbk_csv_with_bad_rows_refused_whole(tmp_path, tree, staff):
    data = rows(4)
    data[1][2] = data[1][2][:-1] + ("0" if data[1][2][-1] != "0" else "1")
    data[2][0] = "TB-1"  # another town's union
    data[3][3] = "12345"
    text = ",".join(HEADER) + "\n" + "\n".join(",".join(row) for row in data) + "\n"
    path = tmp_path / "members.csv"
    path.write_bytes(text.encode("gbk"))
    report = members_import(actor=staff.town_a, source=path)
    assert not report.applied
    assert [number for number, _ in report.errors] == [3, 4, 5]
    assert "校验位" in report.errors[0][1] or "check digit" in report.errors[0][1]
    assert Member.objects.count() == 0
    assert report.errors_csv().startswith("\ufeff行号,原因")


@pytest.mark.django_db
def test_members_import_missing_column_is_a_file_error(tmp_path, tree, staff):
    path = tmp_path / "members.csv"
    path.write_text("姓名,身份证号\n张三,1\n", encoding="utf-8")
    report = members_import(actor=staff.town_a, source=path)
    assert not report.applied and "工会编码" in report.file_error
