"""Routes from Excel: all or nothing, each refused row with its number, in Chinese."""

import io

import pytest
from openpyxl import Workbook

from gonghui.patrol.models import Checkpoint, Route
from gonghui.patrol.services.imports import COLUMNS, routes_import

pytestmark = pytest.mark.django_db


def xlsx(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    data.name = "routes.xlsx"
    return data


ROWS = [
    ["工业园东线", "甲镇", "东门", "28.58", "121.37", "80"],
    ["工业园东线", "甲镇", "仓储区", "28.5827", "121.37", ""],
    ["工业园东线", "甲镇", "污水站", "28.5827", "121.373", "120"],
    ["滨江线", "乙镇", "码头", "28.6", "121.4", "100"],
    ["滨江线", "乙镇", "闸口", "28.603", "121.401", "100"],
]


def test_a_good_file_writes_routes_with_checkpoints_in_order(on, staff):
    report = routes_import(actor=staff.town_a, source=xlsx(ROWS))
    assert report.applied, report.errors
    assert report.summary["routes"] == 2 and report.summary["checkpoints"] == 5
    east = Route.objects.get(name="工业园东线", org=on.town_a)
    assert [(c.position, c.name, c.radius) for c in east.checkpoints.all()] == [
        (1, "东门", 80), (2, "仓储区", 100), (3, "污水站", 120),
    ]  # fmt: skip


def test_a_missing_coordinate_refuses_the_file_with_its_row_number(on, staff):
    rows = [*ROWS]
    rows[2] = ["工业园东线", "甲镇", "污水站", "", "121.373", "120"]
    rows[4] = ["滨江线", "乙镇", "闸口", "28.603", "东经121", "100"]
    report = routes_import(actor=staff.town_a, source=xlsx(rows))
    assert not report.applied
    assert report.errors == [
        (4, "点位“污水站”：缺少纬度。"),
        (6, "点位“闸口”：经度“东经121”不是数字。"),
    ]
    assert not Route.objects.exists() and not Checkpoint.objects.exists()
