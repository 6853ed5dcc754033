"""Never twice under concurrency, on PostgreSQL: two reviewers approving the same claim, and
two finance users batching it, at the same moment (threads, each with its own database
connection) leave exactly one approval and one payout line."""

import datetime
import threading

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from gonghui.accounts.models import Role
from gonghui.claims import services
from gonghui.claims.models import Claim, ClaimEvent, ClaimStatus, PayoutLine
from gonghui.claims.tests.factories import cheng_enrolled, file_claim
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    ),
]


def fresh(claim):
    """Each thread works on its own copy, as each request would."""
    return Claim.objects.get(pk=claim.pk)


def together(*calls):
    """Run the calls in threads released at the same instant; each result is ("ok", value)
    or ("refused", exception)."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = ("ok", call())
        except Exception as exc:  # the loser's refusal is the point of the test
            results[index] = ("refused", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


@time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=True)
def test_two_reviewers_approve_and_two_finance_users_batch_at_once(tree):
    person, _period = cheng_enrolled(tree)
    claim = file_claim(member_user(person), person)
    reviewers = [UserFactory(role=Role.COUNTY_REVIEWER, org=tree.county) for _ in range(2)]
    finance = [UserFactory(role=Role.COUNTY_FINANCE, org=tree.county) for _ in range(2)]

    results = together(
        *(
            lambda user=user: services.claim_approve(actor=user, claim=fresh(claim))
            for user in reviewers
        )
    )
    assert sorted(outcome for outcome, _ in results) == ["ok", "refused"]
    assert all(isinstance(r, ValidationError) for o, r in results if o == "refused")
    assert ClaimEvent.objects.filter(claim=claim, new_status=ClaimStatus.APPROVED).count() == 1

    results = together(
        *(lambda user=user: services.payout_batch_create(actor=user) for user in finance)
    )
    assert sorted(outcome for outcome, _ in results) == ["ok", "refused"]
    assert all(isinstance(r, ValidationError) for o, r in results if o == "refused")
    assert PayoutLine.objects.filter(claim=claim).count() == 1
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_PAYOUT_BATCH
