"""The demo fills the claims app with a living queue: a claim in every state, drawn photos
marked 演示, Mr. Cheng of seed 000 paid 9,961 yuan."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command

from gonghui.claims.models import Claim, ClaimStatus, Material


@pytest.mark.django_db
@time_machine.travel(datetime.datetime(2026, 11, 22, 10, 0), tick=False)
def test_demo_has_a_claim_in_every_state():
    call_command("load_demo", stdout=io.StringIO())
    states = set(Claim.objects.values_list("status", flat=True))
    assert states == set(ClaimStatus.values) - {ClaimStatus.SUBMITTED}  # checks run at once
    cheng = Claim.objects.get(member__name="程先生")
    assert (cheng.status, cheng.amount) == (ClaimStatus.PAID, Decimal("9961"))
    assert cheng.channel == "window"
    photo = Material.objects.filter(content_type="image/jpeg").first()
    assert photo.file.size > 10_000
    claims = Claim.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Claim.objects.count() == claims
