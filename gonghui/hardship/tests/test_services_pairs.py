"""Pairing: cadres of the actor's own subtree, visits by the cadre, the 90-day board."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gonghui.hardship import selectors
from gonghui.hardship.models import VisitMode
from gonghui.hardship.services import pairs as services
from gonghui.hardship.tests.factories import active_file

pytestmark = pytest.mark.django_db


def test_hardship_pairing_board_flags_pairs_without_a_visit_for_90_days(tree, staff):
    today = timezone.localdate()
    recent, stale, fresh = (active_file(staff, tree) for _ in range(3))
    long_ago = today - datetime.timedelta(days=200)
    pair_recent = services.pair_create(
        actor=staff.town_a, cadre=staff.town_a, file=recent, started_on=long_ago
    )
    pair_stale = services.pair_create(
        actor=staff.town_a, cadre=staff.union_a1, file=stale, started_on=long_ago
    )
    services.pair_create(actor=staff.town_a, cadre=staff.town_a, file=fresh, started_on=today)
    services.pair_visit_record(
        actor=staff.town_a,
        pair=pair_recent,
        visited_on=today - datetime.timedelta(days=90),
        mode=VisitMode.HOME,
        content="送去米油，了解孩子学习情况",
    )
    services.pair_visit_record(
        actor=staff.union_a1,
        pair=pair_stale,
        visited_on=today - datetime.timedelta(days=91),
        mode=VisitMode.PHONE,
        content="电话问候",
    )
    board = {pair.file_id: pair for pair in selectors.pairs_board(staff.admin)}
    assert board[recent.pk].overdue is False  # exactly 90 days: not yet
    assert board[stale.pk].overdue is True
    assert board[stale.pk].last_visit == today - datetime.timedelta(days=91)
    assert board[fresh.pk].overdue is False and board[fresh.pk].last_visit is None


def test_hardship_pairing_needs_a_cadre_of_the_subtree_and_only_they_or_keepers_log(tree, staff):
    file = active_file(staff, tree)
    with pytest.raises(ValidationError):
        services.pair_create(actor=staff.town_a, cadre=staff.town_b, file=file)
    with pytest.raises(PermissionDenied):
        services.pair_create(actor=staff.town_b, cadre=staff.town_b, file=file)
    pair = services.pair_create(actor=staff.town_a, cadre=staff.union_a1, file=file)
    with pytest.raises(ValidationError):
        services.pair_create(actor=staff.town_a, cadre=staff.union_a1, file=file)
    with pytest.raises(PermissionDenied):
        services.pair_visit_record(
            actor=staff.town_b,
            pair=pair,
            visited_on=timezone.localdate(),
            mode=VisitMode.HOME,
            content="x",
        )
    with pytest.raises(ValidationError):
        services.pair_visit_record(
            actor=staff.union_a1,
            pair=pair,
            visited_on=timezone.localdate() + datetime.timedelta(days=1),
            mode=VisitMode.HOME,
            content="未来",
        )
    services.pair_end(actor=staff.town_a, pair=pair)
    with pytest.raises(ValidationError):
        services.pair_visit_record(
            actor=staff.union_a1,
            pair=pair,
            visited_on=timezone.localdate(),
            mode=VisitMode.HOME,
            content="结对已结束",
        )
