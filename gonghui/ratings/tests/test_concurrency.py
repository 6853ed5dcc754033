"""Never twice, on PostgreSQL with real threads: naming the same application from two
screens at once gives one title; two inspections at once record one."""

import pytest
from django.db import connection

from gonghui.claims.tests.test_concurrency import together
from gonghui.ratings import services
from gonghui.ratings.models import Event, Inspection, Title
from gonghui.ratings.tests.factories import lines

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def test_two_administrators_naming_at_once_make_one_title(programme, staff):
    application = services.application_apply(
        actor=staff.union_a1, programme=programme, lines=lines()
    )
    services.pre_assess(actor=staff.town_a, application=application)
    results = together(
        *(
            lambda: services.inspect(
                actor=staff.reviewer, application=application, date="2026-04-01", inspectors="甲"
            )
            for _ in range(4)
        )
    )
    assert [outcome for outcome, _v in results].count("ok") == 1, results
    assert Inspection.objects.count() == 1
    application.refresh_from_db()
    services.start_notice(actor=staff.admin, application=application)
    results = together(
        *(lambda: services.name_title(actor=staff.admin, application=application) for _ in range(4))
    )
    assert [outcome for outcome, _v in results].count("ok") == 1, results
    assert Title.objects.count() == 1
    assert Event.objects.filter(action="name").count() == 1
