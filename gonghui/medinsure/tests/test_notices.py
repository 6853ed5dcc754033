"""Telling the member: the SMS after an import, confirming (and correcting) the bank card,
reminders never sent twice, expiry, and the hand-off to claims."""

import datetime
import io
from decimal import Decimal
from unittest import mock

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from gonghui.medinsure import services
from gonghui.medinsure.models import BenefitNotice, NoticeEvent, NoticeStatus
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import feed, stay
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.notify.models import SmsMessage

ID = "330522197510020014"
CARD = "6222021234567890123"


@pytest.fixture
def wang(tree, periods):
    member = person(tree.union_a1, ID, "王建国", mobile="13900001001", bank_card=CARD)
    enroll_renewed(periods, [member])
    return member


@pytest.fixture
def notice(tree, wang, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05", "6820.50")])
    return BenefitNotice.objects.get()


@pytest.mark.django_db
def test_the_member_is_told_by_sms_once(notice, wang):
    # 6,820.50 × 60% = 4,092.30 → 4,092; 4 days × 30 = 120: 4,212.
    sms = SmsMessage.objects.get(kind="benefit_notice")
    assert sms.mobile == "13900001001" and sms.member == wang
    assert "您有一笔职工医疗互助待领取，约 4,212 元" in sms.body
    notice.refresh_from_db()
    assert notice.notified_at is not None
    assert services.benefit_notices_notify() == 0
    assert SmsMessage.objects.filter(kind="benefit_notice").count() == 1


@pytest.mark.django_db
def test_confirming_with_the_card_on_file(notice, wang):
    user = member_user(wang)
    with mock.patch("gonghui.medinsure.handoff.on_notice_confirmed") as handoff:
        services.benefit_notice_confirm(actor=user, notice=notice)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CONFIRMED and notice.confirmed_by == user
    assert notice.confirmed_at is not None
    assert notice.bank_card_masked == "6222***********0123"
    handoff.assert_called_once()
    assert handoff.call_args.args[0].pk == notice.pk
    event = NoticeEvent.objects.get(notice=notice)
    assert (event.old_status, event.new_status, event.actor) == ("pending", "confirmed", user)
    with pytest.raises(ValidationError):
        services.benefit_notice_confirm(actor=user, notice=notice)


@pytest.mark.django_db
def test_correcting_the_card_updates_the_member_encrypted(notice, wang):
    user = member_user(wang)
    with pytest.raises(ValidationError):
        services.benefit_notice_confirm(actor=user, notice=notice, bank_card="1234")
    services.benefit_notice_confirm(
        actor=user, notice=notice, bank_card="6217 0012 3456 7890 12", bank_name="建设银行"
    )
    wang.refresh_from_db()
    assert (wang.bank_card, wang.bank_name) == ("621700123456789012", "建设银行")
    notice.refresh_from_db()
    assert notice.bank_card_masked == "6217**********9012"
    assert "6217" in NoticeEvent.objects.get(notice=notice).note


@pytest.mark.django_db
def test_only_the_member_confirms_and_a_card_is_needed(tree, periods, staff):
    member = person(tree.union_a1, ID, "王建国", mobile="13900001001")  # no card on file
    enroll_renewed(periods, [member])
    feed(tree.county, [stay(member, "S1", "2022-03-01", "2022-03-05")])
    notice = BenefitNotice.objects.get()
    other = person(tree.union_a1, "33052219900308002X", "李秀英")
    with pytest.raises(PermissionDenied):
        services.benefit_notice_confirm(actor=member_user(other), notice=notice)
    with pytest.raises(PermissionDenied):
        services.benefit_notice_confirm(actor=staff.union_a1, notice=notice)
    with pytest.raises(ValidationError, match="bank card|银行卡"):
        services.benefit_notice_confirm(actor=member_user(member), notice=notice)
    assert BenefitNotice.objects.get().status == NoticeStatus.PENDING


@pytest.mark.django_db
def test_reminders_once_after_n_days(notice, wang):
    later = timezone.now() + datetime.timedelta(days=8)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        out = io.StringIO()
        call_command("remind_benefit_notices", "--days", "7", stdout=out)
        assert out.getvalue().strip() == '{"reminded": 0, "expired": 0}'
    with time_machine.travel(later):
        out = io.StringIO()
        call_command("remind_benefit_notices", "--days", "7", stdout=out)
        assert out.getvalue().strip() == '{"reminded": 1, "expired": 0}'
        call_command("remind_benefit_notices", "--days", "7", stdout=io.StringIO())
    reminders = SmsMessage.objects.filter(kind="benefit_reminder")
    assert reminders.count() == 1
    assert "约 4,212 元" in reminders.get().body
    notice.refresh_from_db()
    assert notice.reminded_at is not None


@pytest.mark.django_db
def test_a_confirmed_notice_is_not_reminded_and_old_ones_expire(tree, wang, notice):
    services.benefit_notice_confirm(actor=member_user(wang), notice=notice)
    feed(tree.county, [stay(wang, "S2", "2022-05-01", "2022-05-02", "100.00")])
    with time_machine.travel(timezone.now() + datetime.timedelta(days=400)):
        out = io.StringIO()
        call_command("remind_benefit_notices", "--days", "7", "--expire-after", "365", stdout=out)
    assert out.getvalue().strip() == '{"reminded": 0, "expired": 1}'
    second = BenefitNotice.objects.get(record__serial="S2")
    assert second.status == NoticeStatus.EXPIRED and second.total == Decimal("90")
    assert BenefitNotice.objects.get(record__serial="S1").status == NoticeStatus.CONFIRMED
