"""The pairing board and a pair's visit log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.hardship.models import Pair
from gonghui.hardship.tests.factories import active_file

pytestmark = pytest.mark.django_db


def test_hardship_pair_board_highlights_overdue_pairs_and_logs_visits(tree, staff, client_for):
    file = active_file(staff, tree)
    client = client_for(staff.town_a)
    client.post(
        reverse("staff:hardship_pair_add", args=[file.pk]),
        {
            "cadre": staff.union_a1.pk,
            "started_on": (timezone.localdate() - datetime.timedelta(days=120)).isoformat(),
        },
    )
    pair = Pair.objects.get()
    board = client.get(reverse("staff:hardship_pair_board"))
    assert [p.overdue for p in board.context["board"]] == [True]
    assert 'data-overdue="1"' in board.content.decode()
    cadre = client_for(staff.union_a1)
    logged = cadre.post(
        reverse("staff:hardship_pair_detail", args=[pair.pk]),
        {"visited_on": timezone.localdate().isoformat(), "mode": "home", "content": "送去慰问品"},
    )
    assert logged.status_code == 302
    board = cadre.get(reverse("staff:hardship_pair_board"), {"mine": "1"})
    assert [(p.overdue, p.last_visit) for p in board.context["board"]] == [
        (False, timezone.localdate())
    ]
    assert (
        client_for(staff.town_b)
        .get(reverse("staff:hardship_pair_detail", args=[pair.pk]))
        .status_code
        == 404
    )
