"""Reversals across files (cancel a pending notice, open a recovery for a confirmed one, meet
an original that arrives later), and caps that carry over from earlier files."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.claims import services as claim_services
from gonghui.medinsure import services
from gonghui.medinsure.models import (
    BenefitNotice,
    NoticeEvent,
    NoticeStatus,
    Recovery,
    RecoveryStatus,
)
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import feed, reversal, stay
from gonghui.mutual_aid.tests.factories import member_user

ID = "330522197510020014"


@pytest.fixture
def wang(tree, periods):
    member = person(
        tree.union_a1, ID, "王建国", mobile="13900001001", bank_card="6222021234567890123"
    )
    enroll_renewed(periods, [member])
    return member


@pytest.mark.django_db
def test_a_later_reversal_cancels_the_pending_notice(tree, wang):
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    notice = BenefitNotice.objects.get()
    assert notice.status == NoticeStatus.PENDING and notice.total == Decimal("720")

    report = feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00")])
    assert report.summary["reversals"] == 1 and report.summary["benefits"] == 0
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CANCELLED and notice.closed_at is not None
    event = NoticeEvent.objects.get(notice=notice)
    assert (event.old_status, event.new_status) == ("pending", "cancelled")
    assert "S1" in event.note
    assert not Recovery.objects.exists()


@pytest.mark.django_db
def test_reversing_a_confirmed_benefit_opens_a_recovery(tree, wang, staff):
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00")])
    notice = BenefitNotice.objects.get()
    services.benefit_notice_confirm(actor=member_user(wang), notice=notice)
    batch = claim_services.payout_batch_create(actor=staff.finance)  # the claim is paid
    claim_services.payout_batch_mark_paid(actor=staff.finance, batch=batch)

    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05", "1000.00")])
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CANCELLED
    recovery = Recovery.objects.get()
    assert (recovery.member, recovery.amount, recovery.status) == (
        wang,
        Decimal("720.00"),
        RecoveryStatus.OPEN,
    )
    assert recovery.reversal.serial == "S1R"

    with pytest.raises(PermissionDenied):
        services.recovery_close(actor=staff.town_a, recovery=recovery, to="recovered")
    with pytest.raises(ValidationError):
        services.recovery_close(actor=staff.finance, recovery=recovery, to="waived")  # no reason
    services.recovery_close(actor=staff.finance, recovery=recovery, to="recovered", note="已退回")
    recovery.refresh_from_db()
    assert recovery.status == RecoveryStatus.RECOVERED and recovery.closed_by == staff.finance
    with pytest.raises(ValidationError):
        services.recovery_close(actor=staff.finance, recovery=recovery, to="waived", note="x")


@pytest.mark.django_db
def test_a_reversal_that_arrives_before_its_settlement(tree, wang):
    feed(tree.county, [reversal(wang, "S1R", "S1", "2022-03-01", "2022-03-05")])
    report = feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05")])
    assert report.summary["matched"] == 1 and report.summary["benefits"] == 0
    assert not BenefitNotice.objects.exists()


@pytest.mark.django_db
def test_caps_carry_over_from_earlier_files_and_reversed_stays_give_room_back(tree, wang):
    # 1st file: 60,000 × 60% = 36,000 → capped at 35,000; 100 days → 90 days.
    feed(tree.county, [stay(wang, "S1", "2022-01-01", "2022-04-11", "60000.00")])
    first = BenefitNotice.objects.get(record__serial="S1")
    assert first.lines == {"INPATIENT.subsidy": "35000", "INPATIENT.allowance": "2700"}
    assert first.inpatient_allowance_days == 90
    # 2nd file: both caps used up by the first notice: nothing owed, no notice.
    report = feed(tree.county, [stay(wang, "S2", "2022-06-01", "2022-06-05", "1000.00")])
    assert report.summary == report.summary | {"matched": 1, "benefits": 0}
    # 3rd file reverses the first stay and sends a new one: the room is back.
    report = feed(
        tree.county,
        [
            reversal(wang, "S1R", "S1", "2022-01-01", "2022-04-11", "60000.00"),
            stay(wang, "S3", "2022-07-01", "2022-07-03", "1000.00"),
        ],
    )
    assert report.summary["benefits"] == 1 and report.summary["amount"] == "660.00"


@pytest.mark.django_db
def test_a_stay_outside_every_period_is_not_matched(tree, wang):
    report = feed(tree.county, [stay(wang, "S1", "2023-01-02", "2023-01-05")])
    assert report.summary["matched"] == 0
    assert report.summary["imported"] == 1


@pytest.mark.django_db
def test_unpaid_enrollment_does_not_match(tree, periods):
    from gonghui.mutual_aid.tests.factories import enroll

    member = person(tree.union_a1, ID, "王建国")
    enroll(periods[1], [member], on=datetime.date(2021, 12, 15), paid=False)
    report = feed(tree.county, [stay(member, "S1", "2022-06-01", "2022-06-05")])
    assert report.summary["matched"] == 0
