"""The demo: the Tongxiang-like federation gives the seed's figures at the end of 2019, from
its rows; the demo federation shows a late filing, a renewal due and this year's campaign."""

import datetime
import io
import time

import pytest
from django.core.management import call_command

from gonghui.accounts.models import User
from gonghui.contracts import selectors
from gonghui.contracts.models import Contract, Target
from gonghui.orgs.models import Enterprise, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    started = time.monotonic()
    call_command("load_demo", stdout=io.StringIO())
    return time.monotonic() - started


def test_tongxiang_gives_the_seeds_figures_and_lq_shows_every_step(demo):
    assert Contract.objects.filter(federation__code="TX").count() == 2 * 1861
    tongxiang = Organisation.objects.get(code="TX")
    contracts = Contract.objects.filter(federation=tongxiang)
    figures = selectors.seed_figures(contracts, datetime.date(2019, 12, 31))
    assert figures["wage_contracts"] == 1861
    assert figures["workers"] == 153_194
    assert figures["renewal"]["expired"] == 1861 and figures["renewal"]["renewed"] == 1861
    assert str(figures["renewal"]["rate"]) == "100.0"
    enterprises = Enterprise.objects.filter(area__path__startswith=tongxiang.path)
    cover = selectors.coverage(enterprises, datetime.date(2019, 12, 31))["totals"]
    assert cover["covered"] == 1861 and cover["workers"] == 153_194

    # The demo federation (LQ) shows a late filing on the union's home, renewals due and
    # this year's campaign.
    union = User.objects.get(username="union")
    town = User.objects.get(username="town")
    assert len(selectors.late_contracts(town)) == 1
    due = selectors.renewals_due(town)
    assert "regional" in [row["contract"].level for row in due]
    assert Target.objects.filter(campaign__federation__code="LQ").exists()
    assert selectors.late_contracts(union) == selectors.late_contracts(town)
    assert selectors.late_contracts(union)[0].kind == "safety"
