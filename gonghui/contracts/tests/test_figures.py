"""The dashboard's contracts section: contracts in force by kind and level, the renewal rate,
coverage and filing punctuality, for the year's last day; its coverage table in Excel."""

import datetime
import io

import pytest
import time_machine
from openpyxl import load_workbook

from gonghui.contracts.models import Kind
from gonghui.contracts.tests.helpers import DAY, effective, firm, signed
from gonghui.dashboards import selectors as dashboard

pytestmark = pytest.mark.django_db


def test_the_dashboard_section_counts_from_the_rows(on, staff, client_for):
    with time_machine.travel(datetime.datetime(2024, 3, 20, 4), tick=False):
        first = effective(
            staff.union_a1, on.union_a1, [(firm(on.union_a1, on.town_a, 100), 90)],
            on=DAY(2024, 3, 1),
        )  # fmt: skip
    with time_machine.travel(datetime.datetime(2025, 3, 20, 4), tick=False):
        effective(
            staff.union_a1, on.union_a1, [(first.links.get().enterprise, 95)], on=DAY(2025, 3, 1),
            renews=first,
        )  # fmt: skip
        regional = [(firm(on.union_a2, on.town_a, 40), 38), (firm(on.union_a2, on.town_a, 30), 30)]
        effective(staff.town_a, on.town_a, regional, on=DAY(2025, 3, 1), kind=Kind.COMPREHENSIVE)
        signed(staff.town_b, on.union_b1, [(firm(on.union_b1, on.town_b), 50)], on=DAY(2025, 3, 1))
    sections = {s.key: s for s in dashboard.dashboard(staff.admin, year=2025)}
    figures = {str(f.label): f.value for f in sections["contracts"].figures}
    assert figures["单独建会企业工资专项集体合同"] == 1
    assert figures["续签率"] == "100.0%"
    assert figures["覆盖职工数"] == 95 + 38 + 30
    assert figures["建会企业覆盖率"] == "75.0%"
    assert figures["10日内报送备案率"] == "100.0%"
    table = {t.key: t for t in sections["contracts"].tables}["contracts_in_force"]
    assert table.rows[0][1:] == [0, 1, 0, 1]  # comprehensive: one regional
    assert table.rows[1][1:] == [1, 0, 0, 1]  # special wage: one enterprise
    answer = client_for(staff.admin).get(
        "/staff/dashboard/export/contracts_coverage_by_town.xlsx?year=2025"
    )
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:4] == ("甲镇总工会", 3, 3, 163)
