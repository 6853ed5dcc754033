"""The demo: about 40 files in every tier and state, campaigns paid against budget, pairs
(some overdue), loaded by load_demo, idempotent."""

from collections import Counter

import pytest
from django.core.management import call_command

from gonghui.accounts.models import User
from gonghui.hardship import selectors
from gonghui.hardship.models import (
    Action,
    AidRecord,
    Campaign,
    FileEvent,
    HardshipFile,
    Status,
    Tier,
)

pytestmark = pytest.mark.django_db


def test_hardship_demo_loads_a_realistic_set_once(capsys):
    call_command("load_demo")
    files = HardshipFile.objects.all()
    assert files.count() == 40
    states = Counter(files.values_list("status", flat=True))
    assert set(states) == set(Status.values)
    assert states[Status.ACTIVE] == 29
    active_tiers = Counter(files.filter(status=Status.ACTIVE).values_list("tier", flat=True))
    assert set(active_tiers) == set(Tier.values)
    demo_member = files.get(member__mobile="13900000001")
    assert demo_member.status == Status.ACTIVE and demo_member.aid.exists()
    reviewer = User.objects.get(username="reviewer")
    figures = selectors.figures(reviewer, FileEvent.objects.latest("at").at.year)
    assert figures["due_for_review"] == 4
    assert figures["fallen_back"] == 1
    assert figures["pairs_overdue"] >= 3
    assert len(figures["pairs"]) == 25
    for campaign in Campaign.objects.exclude(aid=None):
        assert selectors.campaign_sentence(campaign)
        assert not selectors.campaign_totals(campaign)["over_budget"]
    assert AidRecord.objects.filter(over_limit=True).count() == 1
    assert FileEvent.objects.filter(action=Action.REOPEN).count() == 1
    counts = (files.count(), AidRecord.objects.count(), Campaign.objects.count())
    call_command("load_demo")
    assert (
        HardshipFile.objects.count(),
        AidRecord.objects.count(),
        Campaign.objects.count(),
    ) == counts
