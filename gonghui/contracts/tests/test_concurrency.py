"""Never twice, on PostgreSQL with real threads: two schedulers sending the same contract's
60-day reminder at once send one SMS; two clerks filing the same contract at once file it once."""

import datetime

import pytest
import time_machine
from django.db import connection

from gonghui.claims.tests.test_concurrency import together
from gonghui.contracts.models import ContractEvent, RenewalReminder
from gonghui.contracts.services import register, renewals
from gonghui.contracts.tests.helpers import DAY, effective, firm, signed
from gonghui.notify.models import SmsMessage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def test_two_schedulers_send_the_renewal_reminder_once(on, staff):
    with time_machine.travel(datetime.datetime(2025, 3, 20, 4), tick=False):
        contract = effective(
            staff.union_a1, on.union_a1, [(firm(on.union_a1, on.town_a), 50)],
            union_chair_mobile="13900002222",
        )  # fmt: skip
    today = DAY(2025, 12, 30)
    results = together(*[lambda: renewals.reminder_send(contract, today)] * 4)
    assert sorted(value for _kind, value in results) == [False, False, False, True]
    assert RenewalReminder.objects.filter(contract=contract).count() == 1
    assert SmsMessage.objects.filter(kind="contract_renewal").count() == 1


def test_two_clerks_filing_at_once_file_once(on, staff):
    with time_machine.travel(datetime.datetime(2025, 3, 5, 4), tick=False):
        contract = signed(staff.union_a1, on.union_a1, [(firm(on.union_a1, on.town_a), 50)])
        results = together(
            lambda: register.contract_file(actor=staff.union_a1, contract=contract, filed_on=DAY(2025, 3, 4)),
            lambda: register.contract_file(actor=staff.town_a, contract=contract, filed_on=DAY(2025, 3, 5)),
        )  # fmt: skip
    assert sorted(kind for kind, _value in results) == ["ok", "refused"]
    assert ContractEvent.objects.filter(contract=contract, action="file").count() == 1
