"""The dashboard's activities section (shown while the federation runs the service) and its
Excel table."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from gonghui.activities.models import Kind, MemberTag, Tag
from gonghui.activities.services import registrations as regs
from gonghui.activities.tests.helpers import batch, members_with_users, programme
from gonghui.dashboards import selectors as dashboard

pytestmark = pytest.mark.django_db


def test_dashboard_section_counts_places_checked_in_and_sanitation_share(
    tree, staff, switch_on, client_for
):
    switch_on(tree.county, "activities")
    prog = programme(staff.reviewer, tree.county, kind=Kind.RECUPERATION, title="疗休养")
    the_batch = batch(staff.reviewer, prog, places=4, days_ahead=1)
    people = members_with_users(tree.union_a1, 3)
    MemberTag.objects.create(member=people[0], tag=Tag.SANITATION)
    made = [regs.registration_apply(actor=p.user, member=p, batch=the_batch) for p in people]
    regs.registration_check_in(actor=staff.reviewer, registration=made[0])
    year = (timezone.localdate() + datetime.timedelta(days=1)).year
    sections = {s.key: s for s in dashboard.dashboard(staff.reviewer, year=year)}
    figures = {str(f.label): f.value for f in sections["activities"].figures}
    assert figures["疗休养名额使用"] == "3 / 4"
    assert figures["签到人次"] == 1
    assert figures["环卫工人占疗休养名额比例"] == "33.3%"
    answer = client_for(staff.admin).get(
        f"/staff/dashboard/export/activities_by_month.xlsx?year={year}"
    )
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert [cell.value for cell in sheet[sheet.max_row]][-1] == 1
    switch_on(tree.county, "activities", enabled=False)
    assert "activities" not in [s.key for s in dashboard.dashboard(staff.reviewer, year=year)]
