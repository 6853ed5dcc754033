"""The draw's lifecycle through the services: each step once, in order, by the right people,
with event rows; bad input refused with a Chinese message and nothing written."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from gonghui.draw import engine, selectors, services
from gonghui.draw.models import Draw, DrawEntrant, DrawEvent, Status
from gonghui.draw.tests import factories
from gonghui.draw.tests.independent import gh_draw_1

pytestmark = pytest.mark.django_db


def messages(error):
    return " ".join(error.value.messages) if hasattr(error.value, "messages") else str(error.value)


def test_the_whole_lifecycle_records_each_step_and_the_result(staff, tree):
    draw = factories.drawn(staff, tree.town_a, n=12)
    assert draw.status == Status.DRAWN
    assert draw.entries == 12
    assert draw.list_text.splitlines()[0] == "1,会****1,139****0001"
    assert draw.list_sha256 == engine.list_digest(draw.list_text.encode())
    expected = gh_draw_1(draw.list_text.encode(), "3356.78", [("一等奖", 2), ("二等奖", 3)])
    assert draw.result == expected
    steps = list(DrawEvent.objects.filter(draw=draw).values_list("action", "to_status"))
    assert steps == [
        ("create", "draft"),
        ("announce", "announced"),
        ("freeze", "frozen"),
        ("enter_seed", "seed_entered"),
        ("confirm_seed", "seed_confirmed"),
        ("run", "drawn"),
    ]
    got = selectors.outcomes(draw)
    first = expected["prizes"]["一等奖"]
    winners = {ref for ref, o in got.items() if o.prize == "一等奖"}
    assert winners == {f"m{n}" for n in first}
    assert [got[f"m{n}"].waiting_position for n in expected["waiting"]] == list(range(1, 8))
    assert selectors.outcome(draw, "m1").number == 1


def test_published_result_keeps_the_prize_order_and_masks(staff, tree):
    draw = factories.drawn(staff, tree.town_a, n=6, prizes=[("乙", 1), ("甲", 2)])
    result = selectors.published_result(draw)
    assert [p["name"] for p in result["prizes"]] == ["乙", "甲"]
    person = result["prizes"][0]["people"][0]
    assert person["name"].startswith("会*") and "****" in person["mobile"]
    assert len(result["waiting_people"]) == 3


def test_next_waiting_moves_a_declined_prize_down_the_list(staff, tree):
    draw = factories.drawn(staff, tree.town_a, n=8)
    waiting = draw.result["waiting"]
    assert selectors.next_waiting(draw).number == waiting[0]
    offered = [f"m{waiting[0]}"]
    assert selectors.next_waiting(draw, exclude=offered).number == waiting[1]
    everyone = [f"m{n}" for n in waiting]
    assert selectors.next_waiting(draw, exclude=everyone) is None


def test_next_waiting_before_the_draw_is_none(staff, tree):
    draw = factories.frozen(staff.reviewer, tree.town_a)
    assert selectors.next_waiting(draw) is None


def test_seed_is_stripped_and_entered_once(staff, tree):
    draw = factories.frozen(staff.reviewer, tree.town_a)
    draw = services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed="  3356.78 ")
    assert draw.seed == "3356.78"
    with pytest.raises(ValidationError) as error:
        services.draw_enter_seed(actor=staff.admin, draw=draw, seed="3400.00")
    assert "已经录入" in messages(error)
    draw.refresh_from_db()
    assert draw.seed == "3356.78"
    assert DrawEvent.objects.filter(draw=draw, action="enter_seed").count() == 1


def test_the_one_who_entered_the_seed_cannot_confirm_it(staff, tree):
    draw = factories.frozen(staff.reviewer, tree.town_a)
    draw = services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed="3356.78")
    with pytest.raises(PermissionDenied) as error:
        services.draw_confirm_seed(actor=staff.reviewer, draw=draw, seed="3356.78")
    assert "另一位" in str(error.value)
    draw.refresh_from_db()
    assert draw.status == Status.SEED_ENTERED and draw.seed_confirmed_by is None


def test_the_database_refuses_a_self_confirmed_seed(staff, tree):
    draw = factories.frozen(staff.reviewer, tree.town_a)
    draw = services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Draw.objects.filter(pk=draw.pk).update(seed_confirmed_by=staff.reviewer)


def test_confirmation_must_retype_the_same_seed(staff, tree):
    draw = factories.frozen(staff.reviewer, tree.town_a)
    draw = services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed="3356.78")
    with pytest.raises(ValidationError) as error:
        services.draw_confirm_seed(actor=staff.admin, draw=draw, seed="3356.87")
    assert "不一致" in messages(error)
    draw.refresh_from_db()
    assert draw.status == Status.SEED_ENTERED


def test_run_needs_a_confirmed_seed_and_runs_once(staff, tree):
    draw = factories.frozen(staff.reviewer, tree.town_a)
    draw = services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed="1")
    with pytest.raises(ValidationError):
        services.draw_run(actor=staff.admin, draw=draw)
    draw = services.draw_confirm_seed(actor=staff.admin, draw=draw, seed="1")
    draw = services.draw_run(actor=staff.reviewer, draw=draw)
    result = draw.result
    with pytest.raises(ValidationError) as error:
        services.draw_run(actor=staff.admin, draw=draw)
    assert "已经开奖" in messages(error)
    # a stale copy read before the run is refused too
    stale = Draw.objects.get(pk=draw.pk)
    stale.status = Status.SEED_CONFIRMED
    with pytest.raises(ValidationError) as error:
        services.draw_run(actor=staff.admin, draw=stale)
    assert "已经开奖" in messages(error)
    draw.refresh_from_db()
    assert draw.result == result
    assert DrawEvent.objects.filter(draw=draw, action="run").count() == 1


def test_freeze_needs_the_seed_source_announced_first(staff, tree):
    draw = factories.created(staff.town_a, tree.town_a)
    with pytest.raises(ValidationError) as error:
        services.draw_freeze(actor=staff.town_a, draw=draw, entrants=factories.people(3))
    assert "先公布种子来源" in messages(error)
    assert not DrawEntrant.objects.filter(draw=draw).exists()


def test_the_list_is_frozen_once(staff, tree):
    draw = factories.frozen(staff.town_a, tree.town_a, n=5)
    with pytest.raises(ValidationError) as error:
        services.draw_freeze(actor=staff.town_a, draw=draw, entrants=factories.people(6))
    assert "已经冻结" in messages(error)
    assert DrawEntrant.objects.filter(draw=draw).count() == 5


@pytest.mark.parametrize(
    ("entrants", "fragment"),
    [
        ([], "没有参与者"),
        ([("a", "张三", "1"), ("a", "李四", "2")], "重复"),
        ([("a", "张三,", "13900000000")], "逗号"),
    ],
)
def test_bad_entrant_lists_are_refused_and_nothing_written(staff, tree, entrants, fragment):
    draw = factories.announced(staff.town_a, tree.town_a)
    with pytest.raises(ValidationError) as error:
        services.draw_freeze(actor=staff.town_a, draw=draw, entrants=entrants)
    assert fragment in messages(error)
    draw.refresh_from_db()
    assert draw.status == Status.ANNOUNCED and draw.list_text == ""


def test_the_seed_source_is_announced_once_and_required(staff, tree):
    draw = factories.created(staff.town_a, tree.town_a)
    with pytest.raises(ValidationError):
        services.draw_announce_seed_source(actor=staff.town_a, draw=draw, text="  ")
    draw = services.draw_announce_seed_source(actor=staff.town_a, draw=draw, text="上证指数")
    assert draw.seed_source_at is not None and draw.seed_source_by == staff.town_a
    with pytest.raises(ValidationError) as error:
        services.draw_announce_seed_source(actor=staff.town_a, draw=draw, text="深证成指")
    assert "不能更改" in messages(error)


def test_bad_prizes_are_refused(staff, tree):
    for prizes in ([("一等奖", 1), ("一等奖", 2)], [("", 1)], [("a:b", 1)], [("一等奖", -1)]):
        with pytest.raises(ValidationError):
            services.draw_create(actor=staff.town_a, org=tree.town_a, title="x", prizes=prizes)
    assert not Draw.objects.exists()


def test_scoping_and_roles(staff, tree):
    with pytest.raises(PermissionDenied):
        factories.created(staff.town_b, tree.town_a)  # another town
    with pytest.raises(PermissionDenied):
        factories.created(staff.finance, tree.county)  # role
    draw = factories.frozen(staff.town_a, tree.town_a)
    with pytest.raises(PermissionDenied):
        services.draw_enter_seed(actor=staff.town_a, draw=draw, seed="1")  # county only
    assert list(selectors.draws_in_scope(staff.town_a)) == [draw]
    assert list(selectors.draws_in_scope(staff.town_b)) == []
    assert list(selectors.draws_in_scope(staff.reviewer)) == [draw]


def test_the_platform_may_freeze_at_a_scheduled_close(staff, tree):
    draw = factories.announced(staff.town_a, tree.town_a)
    Draw.objects.filter(pk=draw.pk).update(
        seed_source_at=draw.seed_source_at - __import__("datetime").timedelta(seconds=1)
    )
    draw.refresh_from_db()
    draw = services.draw_freeze(actor=None, draw=draw, entrants=factories.people(3))
    assert draw.status == Status.FROZEN and draw.frozen_by is None


def test_cancel_keeps_the_draw_visible_with_its_reason(staff, tree):
    draw = factories.frozen(staff.town_a, tree.town_a)
    with pytest.raises(PermissionDenied):
        services.draw_cancel(actor=staff.town_a, draw=draw, reason="活动取消")  # county now
    with pytest.raises(ValidationError):
        services.draw_cancel(actor=staff.admin, draw=draw, reason=" ")
    draw = services.draw_cancel(actor=staff.admin, draw=draw, reason="活动取消")
    assert draw.status == Status.CANCELLED and draw.cancel_reason == "活动取消"
    assert selectors.public_draw(draw.public_code) == draw
    with pytest.raises(ValidationError) as error:
        services.draw_enter_seed(actor=staff.reviewer, draw=draw, seed="1")
    assert "已取消" in messages(error)


def test_a_drawn_draw_cannot_be_cancelled(staff, tree):
    draw = factories.drawn(staff, tree.town_a, n=3)
    with pytest.raises(ValidationError):
        services.draw_cancel(actor=staff.admin, draw=draw, reason="x")


def test_more_places_than_entrants(staff, tree):
    draw = factories.drawn(staff, tree.town_a, n=3, prizes=[("一等奖", 2), ("二等奖", 5)])
    got = selectors.outcomes(draw)
    assert sorted(o.prize for o in got.values()) == ["一等奖", "一等奖", "二等奖"]
    assert selectors.next_waiting(draw) is None
