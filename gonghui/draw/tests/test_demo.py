"""The demo: one drawn draw whose stored result is GH-DRAW-1 of its list and seed, and one
frozen draw waiting for its seed; loaded by load_demo, idempotent."""

import pytest
from django.core.management import call_command

from gonghui.draw.demo import DRAWN_TITLE, FROZEN_TITLE
from gonghui.draw.models import Draw, Status
from gonghui.draw.tests.independent import gh_draw_1

pytestmark = pytest.mark.django_db


def test_demo_draws_load_once_and_verify(client, capsys):
    call_command("load_demo")
    call_command("load_demo")
    drawn = Draw.objects.get(title=DRAWN_TITLE)
    assert drawn.status == Status.DRAWN and drawn.entries == 60
    assert drawn.seed_source_at < drawn.frozen_at < drawn.seed_entered_at < drawn.drawn_at
    assert drawn.seed_entered_by != drawn.seed_confirmed_by
    assert drawn.result == gh_draw_1(drawn.list_text.encode(), "3356.78", [("疗休养名额", 10)])
    frozen = Draw.objects.get(title=FROZEN_TITLE)
    assert frozen.status == Status.FROZEN and frozen.entries == 80
    # the draw demo's own two (the activities demo adds its lotteries' draws)
    assert Draw.objects.exclude(source__startswith="lottery:").count() == 2
    page = client.get(f"/draw/{drawn.public_code}/").content.decode()
    assert drawn.list_sha256 in page and 'data-testid="verify"' in page
    assert client.get(f"/draw/{frozen.public_code}/").status_code == 200
