"""Never twice, on PostgreSQL with real threads (each its own connection): one grid member per
enterprise, one outcome of the mediation centre, and each escalation level once whatever the
number of schedulers."""

import datetime

import pytest
from django.db import connection

from gonghui.claims.tests.test_concurrency import together
from gonghui.deadlines.models import Escalation
from gonghui.deadlines.services import deadlines_escalate
from gonghui.grid.models import CaseEvent, GridMember, Handover
from gonghui.grid.services import casefile, cases, grids
from gonghui.grid.tests.factories import file_case
from gonghui.orgs.tests.factories import enterprise, member

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def test_ten_appointments_for_one_enterprise_leave_one_grid_member(tree):
    firm = enterprise(tree.union_a1, tree.town_a, name="甲镇三厂")
    grid = grids.grid_ensure(actor=None, union=tree.union_a1)
    people = [member(tree.union_a1, enterprise=firm) for _ in range(10)]
    results = together(
        *(
            lambda person=person: grids.grid_member_appoint(
                actor=None, grid=grid, enterprise=firm, member=person
            )
            for person in people
        )
    )
    assert sorted(outcome for outcome, _ in results) == ["ok"] + ["refused"] * 9
    assert GridMember.objects.filter(enterprise=firm).count() == 1


def test_two_clerks_recording_the_outcome_at_once_record_it_once(g, staff):
    case = file_case(g.user_a, g)
    cases.case_escalate(actor=g.user_a, case=case, reason="企业拒绝")
    casefile.case_hand_over(actor=staff.town_a, case=case, centre="矛调中心", file_summary="全部")
    results = together(
        *(
            lambda settled=settled: casefile.handover_outcome(
                actor=staff.town_a, case=case, settled=settled, outcome="结果"
            )
            for settled in (True, False)
        )
    )
    assert sorted(outcome for outcome, _ in results) == ["ok", "refused"]
    assert Handover.objects.get(case=case).outcome_at is not None
    assert CaseEvent.objects.filter(case=case, action="outcome").count() == 1


def test_three_schedulers_escalate_each_level_once(g):
    case = file_case(g.user_a, g)
    late = case.filed_at + datetime.timedelta(days=60)
    together(*(lambda: deadlines_escalate(late) for _ in range(3)))
    levels = Escalation.objects.filter(deadline__object_id=case.pk, deadline__owner="grid.case")
    assert sorted(levels.values_list("level", flat=True)) == [1, 2, 3]
    assert CaseEvent.objects.filter(case=case, action="late").count() == 3
