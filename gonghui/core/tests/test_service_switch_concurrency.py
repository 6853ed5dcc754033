"""Two administrators (or a double click) switching the same service at the same instant, on
PostgreSQL: one change, one event row."""

import pytest
from django.db import connection

from gonghui.claims.tests.test_concurrency import together
from gonghui.core.models import ServiceSwitch, ServiceSwitchEvent
from gonghui.core.services import service_switch_set

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def test_six_identical_switches_at_once_make_one_change(trial_service, tree, staff):
    for enabled in (True, False):  # the row exists: every thread reads "off" before it acts
        service_switch_set(actor=staff.admin, federation=tree.county, key="trial", enabled=enabled)
    results = together(
        *(
            lambda: service_switch_set(
                actor=staff.admin, federation=tree.county, key="trial", enabled=True
            )
            for _ in range(6)
        )
    )
    assert sorted(value for outcome, value in results if outcome == "ok") == [False] * 5 + [True]
    assert ServiceSwitch.objects.get(federation=tree.county, key="trial").enabled
    assert ServiceSwitchEvent.objects.filter(new_enabled=True).count() == 2
