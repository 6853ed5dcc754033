"""Renewal reminders at 60 days, never twice; renewals linked to what they renew; the
renewal rate computed from the rows."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from gonghui.contracts import selectors
from gonghui.contracts.models import RenewalReminder
from gonghui.contracts.tasks import renewal_reminders
from gonghui.contracts.tests.helpers import DAY, effective, firm, signed
from gonghui.notify.models import SmsMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(on, staff):
    with time_machine.travel(datetime.datetime(2025, 3, 20, 10), tick=False):
        return effective(
            staff.union_a1,
            on.union_a1,
            [(firm(on.union_a1, on.town_a), 80)],
            union_chair_mobile="13900001111",
        )


def test_the_chair_gets_the_sms_sixty_days_before_the_end_and_never_twice(running, sms_sent):
    assert running.ends_on == DAY(2026, 2, 28)
    with time_machine.travel(datetime.datetime(2025, 12, 29, 9), tick=False):  # 61 days
        assert renewal_reminders.call() == 0
    with time_machine.travel(datetime.datetime(2025, 12, 30, 9), tick=False):  # 60 days
        assert renewal_reminders.call() == 1
        assert renewal_reminders.call() == 0
    with time_machine.travel(datetime.datetime(2026, 1, 15, 9), tick=False):
        assert renewal_reminders.call() == 0
    assert RenewalReminder.objects.filter(contract=running).count() == 1
    texts = list(SmsMessage.objects.filter(kind="contract_renewal").values_list("body", flat=True))
    assert len(texts) == 1 and "2026-02-28" in texts[0] and "60" in texts[0]
    assert [mobile for mobile, _text in sms_sent] == ["13900001111"]


def test_a_renewal_links_to_what_it_renews_once_and_leaves_the_list_of_endings(running, on, staff):
    with time_machine.travel(datetime.datetime(2026, 1, 10, 9), tick=False):
        due = selectors.renewals_due(staff.town_a)
        assert [(row["contract"], row["window"], row["town"]) for row in due] == [
            (running, 60, on.town_a)
        ]
        renewal = signed(
            staff.union_a1,
            on.union_a1,
            [(running.links.get().enterprise, 85)],
            on=DAY(2026, 1, 10),
            renews=running,
        )
        assert renewal.renews == running and running.renewal == renewal
        assert selectors.renewals_due(staff.town_a) == []
        with pytest.raises(ValidationError, match="已经续签"):
            signed(
                staff.union_a1,
                on.union_a1,
                [(running.links.get().enterprise, 85)],
                on=DAY(2026, 1, 10),
                renews=running,
            )


def test_the_renewal_rate_is_renewed_over_expired_from_the_rows(on, staff):
    with time_machine.travel(datetime.datetime(2025, 3, 20, 10), tick=False):
        old = [
            effective(staff.union_a1, on.union_a1, [(firm(on.union_a1, on.town_a), 50)])
            for _ in range(4)
        ]
    with time_machine.travel(datetime.datetime(2026, 2, 20, 10), tick=False):
        for contract in old[:3]:
            signed(
                staff.union_a1,
                on.union_a1,
                [(contract.links.get().enterprise, 50)],
                on=DAY(2026, 2, 20),
                renews=contract,
            )
    contracts = selectors.contracts_visible_to(staff.town_a)
    assert selectors.renewal_rate(contracts, 2026) == {
        "expired": 4,
        "renewed": 3,
        "rate": __import__("decimal").Decimal("75.0"),
    }
    assert selectors.renewal_rate(contracts, 2025)["rate"] is None
    assert (
        selectors.renewal_rate(selectors.contracts_visible_to(staff.town_b), 2026)["expired"] == 0
    )
