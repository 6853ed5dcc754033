"""The demo reproduces the seed's figures: 1,000 recuperation places in 20 batches of 50 (the
first all to sanitation workers), the four-tier lottery worth 90,850 yuan, a dozen
activities; loaded once."""

import pytest
from django.core.management import call_command

from gonghui.accounts.models import User
from gonghui.activities import selectors
from gonghui.activities.models import Kind, Lottery, Programme, Registration, Voucher

pytestmark = pytest.mark.django_db


def test_activities_demo_reproduces_the_seed_once(capsys):
    call_command("load_demo")
    # (the points demo adds its own 楠溪江 trip, with places kept for coin vouchers)
    recuperation = Programme.objects.get(kind=Kind.RECUPERATION, title__contains="千名")
    batches = list(recuperation.batches.order_by("starts_on"))
    assert [b.places for b in batches] == [50] * 20
    first = batches[0]
    assert first.registrations.count() == 50
    assert first.registrations.filter(member__activity_tags__tag="sanitation").count() == 50
    year = first.starts_on.year
    figures = selectors.figures(User.objects.get(username="reviewer"), year)
    assert (figures["recuperation_used"], figures["recuperation_places"]) == (1000, 1000)
    assert figures["sanitation"] == 50
    assert Programme.objects.filter(kind=Kind.ACTIVITY).count() == 12
    seed = Lottery.objects.get(title__contains="手机")
    tiers = [(p.name, p.stock) for p in seed.prizes.all()]
    assert tiers == [("手机", 2), ("电影票", 2250), ("甜品券", 1800), ("保温杯", 800)]
    assert sum(p.stock * p.value for p in seed.prizes.all()) == 90850
    assert Voucher.objects.count() == 20
    counts = (Programme.objects.count(), Registration.objects.count())
    call_command("load_demo")
    assert (Programme.objects.count(), Registration.objects.count()) == counts
