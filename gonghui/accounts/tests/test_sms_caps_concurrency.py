"""The caps on sign-in codes hold when requests come at the same instant, as from several
gunicorn processes (threads, each with its own database connection), on PostgreSQL."""

import pytest
from django.db import connection

from gonghui.accounts import services
from gonghui.accounts.models import SmsLoginCode
from gonghui.claims.tests.test_concurrency import together
from gonghui.orgs.tests import factories

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def test_one_address_at_once_gets_no_more_than_its_cap(tree, settings):
    settings.SMS_CODE_MAX_PER_IP = 3
    mobiles = [f"139000006{n:02d}" for n in range(8)]
    for mobile in mobiles:
        factories.member(tree.union_a1, mobile=mobile)
    results = together(
        *(lambda m=m: services.sms_code_request(mobile=m, ip="10.7.7.7") for m in mobiles)
    )
    assert [outcome for outcome, _ in results].count("ok") == 3
    assert SmsLoginCode.objects.filter(ip="10.7.7.7").count() == 3


def test_one_number_at_once_gets_one_code(tree):
    factories.member(tree.union_a1, mobile="13900000699")
    results = together(
        *(
            lambda n=n: services.sms_code_request(mobile="13900000699", ip=f"10.8.8.{n}")
            for n in range(6)
        )
    )
    assert [outcome for outcome, _ in results].count("ok") == 1
    assert SmsLoginCode.objects.filter(mobile="13900000699").count() == 1
