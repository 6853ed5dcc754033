"""An optional service adds its section to the dashboard through the registry, shown while
the federation runs it, and its tables export like the core ones."""

import dataclasses
import io

import pytest
from openpyxl import load_workbook

from gonghui.core import registry
from gonghui.dashboards import selectors
from gonghui.orgs.models import Member


def trial_section(user, year):
    members = Member.objects.filter(union__path__startswith=user.org.path).count()
    return selectors.Section(
        key="trial",
        title="试用服务",
        figures=[selectors.Figure("可见会员", members)],
        tables=[
            selectors.Table("trial_members", "试用名单", ["项目", "人数"], [["会员", members]])
        ],
    )


@pytest.fixture
def trial_with_section(trial_service):
    registry.unregister("trial")
    service = registry.register(
        dataclasses.replace(trial_service.SERVICE, dashboard_section=trial_section)
    )
    yield service


@pytest.mark.django_db
def test_a_switched_on_service_adds_its_dashboard_section(
    trial_with_section, tree, staff, switch_on, client_for
):
    from gonghui.orgs.tests.factories import member

    member(tree.union_a1)
    member(tree.union_b1)
    keys = [section.key for section in selectors.dashboard(staff.town_a)]
    assert "trial" not in keys
    switch_on(tree.county, "trial")
    found = {section.key: section for section in selectors.dashboard(staff.town_a)}
    assert found["trial"].figures[0].value == 1  # the town sees its own member only
    answer = client_for(staff.admin).get("/staff/dashboard/export/trial_members.xlsx")
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert [cell.value for cell in sheet[sheet.max_row]] == ["会员", 2]


@pytest.mark.django_db
def test_a_switched_off_service_exports_nothing(trial_with_section, staff, client_for):
    answer = client_for(staff.admin).get("/staff/dashboard/export/trial_members.xlsx")
    assert answer.status_code == 404
