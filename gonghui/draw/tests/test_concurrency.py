"""Several staff pressing the same button at the same instant, on PostgreSQL: the seed is
entered once, confirmed once, the draw runs once (one result, one event row, one outcome per
entrant); every other press is refused."""

import pytest
from django.db import connection

from gonghui.accounts.models import Role
from gonghui.claims.tests.test_concurrency import together
from gonghui.draw import services
from gonghui.draw.models import Draw, DrawEntrant, DrawEvent, Status
from gonghui.draw.tests import factories
from gonghui.draw.tests.independent import gh_draw_1
from gonghui.orgs.tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def copies(draw, n):
    """n separate copies of the row, each read before anyone acts (as n open pages)."""
    return [Draw.objects.get(pk=draw.pk) for _ in range(n)]


def test_six_runs_at_once_run_the_draw_once(staff, tree):
    draw = factories.confirmed(staff, tree.town_a, n=200)
    runners = [staff.admin, staff.reviewer] * 3
    results = together(
        *(
            (lambda user=user, copy=copy: services.draw_run(actor=user, draw=copy))
            for user, copy in zip(runners, copies(draw, 6), strict=True)
        )
    )
    assert [outcome for outcome, _value in results].count("ok") == 1
    refusals = [str(value) for outcome, value in results if outcome == "refused"]
    assert len(refusals) == 5 and all("不能再次开奖" in r or "同时" in r for r in refusals)
    draw.refresh_from_db()
    assert draw.status == Status.DRAWN
    assert draw.result == gh_draw_1(
        draw.list_text.encode(), "3356.78", [("一等奖", 2), ("二等奖", 3)]
    )
    assert DrawEvent.objects.filter(draw=draw, action="run").count() == 1
    assert DrawEntrant.objects.filter(draw=draw, prize__isnull=False).count() == 5
    assert DrawEntrant.objects.filter(draw=draw, waiting_position__isnull=False).count() == 195


def test_two_confirmations_at_once_confirm_once(staff, tree):
    draw = factories.frozen(staff.reviewer, tree.town_a)
    draw = services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed="3356.78")
    other = UserFactory(role=Role.COUNTY_REVIEWER, org=tree.county)
    first, second = copies(draw, 2)
    results = together(
        lambda: services.draw_confirm_seed(actor=staff.admin, draw=first, seed="3356.78"),
        lambda: services.draw_confirm_seed(actor=other, draw=second, seed="3356.78"),
    )
    assert [outcome for outcome, _value in results].count("ok") == 1
    draw.refresh_from_db()
    assert draw.status == Status.SEED_CONFIRMED
    assert draw.seed_confirmed_by in (staff.admin, other)
    assert DrawEvent.objects.filter(draw=draw, action="confirm_seed").count() == 1


def test_two_seed_entries_at_once_keep_one_seed(staff, tree):
    draw = factories.frozen(staff.reviewer, tree.town_a)
    first, second = copies(draw, 2)
    results = together(
        lambda: services.draw_enter_seed(actor=staff.reviewer, draw=first, seed="3356.78"),
        lambda: services.draw_enter_seed(actor=staff.admin, draw=second, seed="3400.12"),
    )
    winners = [value for outcome, value in results if outcome == "ok"]
    assert len(winners) == 1
    draw.refresh_from_db()
    assert draw.seed == winners[0].seed
    assert DrawEvent.objects.filter(draw=draw, action="enter_seed").count() == 1


def test_confirming_and_running_at_once_never_runs_unconfirmed(staff, tree):
    draw = factories.frozen(staff.reviewer, tree.town_a)
    draw = services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed="7")
    confirm_copy, run_copy = copies(draw, 2)
    run_copy.status = Status.SEED_CONFIRMED  # a page that believes it is confirmed
    results = together(
        lambda: services.draw_confirm_seed(actor=staff.admin, draw=confirm_copy, seed="7"),
        lambda: services.draw_run(actor=staff.admin, draw=run_copy),
    )
    draw.refresh_from_db()
    ran = results[1][0] == "ok"
    assert results[0][0] == "ok"
    assert draw.status == (Status.DRAWN if ran else Status.SEED_CONFIRMED)
    assert DrawEvent.objects.filter(draw=draw, action="run").count() == int(ran)
