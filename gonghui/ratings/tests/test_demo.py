import io

import pytest
from django.core.management import call_command

from gonghui.accounts.models import User
from gonghui.ratings.figures import figures
from gonghui.ratings.models import Application, Appraisee

pytestmark = pytest.mark.django_db


def test_the_demo_reproduces_the_anji_figures():
    call_command("load_demo", stdout=io.StringIO())
    data = figures(User.objects.get(username="anji"))
    by_level = {(r["programme__name"], r["level_name"]): r for r in data["by_level"]}
    assert by_level[("星级职工之家", "三星")]["n"] == 419
    assert by_level[("星级职工之家", "三星")]["private"] == 348
    assert by_level[("星级职工之家", "五星")]["n"] == 131
    assert by_level[("星级职工之家", "五星")]["private"] == 70
    assert by_level[("三型工会", "合格型")]["n"] == 99
    assert by_level[("三型工会", "规范型")]["n"] == 77
    assert by_level[("三型工会", "模范型")]["n"] == 65
    workshops = by_level[("快乐车间", "达标")]
    assert workshops["n"] == 210
    sanxing = next(r for r in data["applications"] if r["programme__name"] == "三型工会")
    assert (sanxing["n"], sanxing["passed"]) == (316, 241)
    from gonghui.ratings.models import Title

    enterprises = Title.objects.filter(
        programme__code="happy_workshop", programme__federation__code="AJ"
    )
    assert enterprises.values("enterprise").distinct().count() == 190
    assert sum(r["unions"] for r in data["coverage"]) == 560
    assert Appraisee.objects.filter(commended=True).count() == 40
    # The 路桥 demo has applications at their first steps, written through the services.
    assert Application.objects.filter(programme__federation__code="LQ").count() == 2
