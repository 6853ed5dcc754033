"""County finance pays approved claims in batches; a claim is never in two open batches and
never paid twice; a failed line returns to the queue; the transfer file has full card
numbers and its export is logged."""

import io
from urllib.parse import unquote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from openpyxl import load_workbook

from gonghui.claims import services
from gonghui.claims.models import ClaimStatus, LineStatus, PayoutLine
from gonghui.claims.tests.factories import file_claim
from gonghui.core.models import AccessLog
from gonghui.notify.models import SmsMessage


@pytest.fixture
def approved(cheng_user, cheng, staff):
    claim = file_claim(cheng_user, cheng)
    services.claim_approve(actor=staff.reviewer, claim=claim)
    return claim


def test_batch_export_and_pay(approved, staff, client_for, django_capture_on_commit_callbacks):
    batch = services.payout_batch_create(actor=staff.finance)
    approved.refresh_from_db()
    assert approved.status == ClaimStatus.IN_PAYOUT_BATCH
    client = client_for(staff.finance)
    response = client.get(f"/staff/claims/payouts/{batch.pk}/transfer.xlsx")
    disposition = unquote(response["Content-Disposition"])
    assert disposition.endswith(f"银行代发文件 {batch.reference}.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][1:5] == ("程先生", "台州银行路桥支行", "6222021234567890123", 9961)
    assert approved.reference in rows[1][5]
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert (log.user, log.subject_id) == (staff.finance, str(batch.pk))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.payout_batch_mark_paid(actor=staff.finance, batch=batch) == 1
    approved.refresh_from_db()
    assert approved.status == ClaimStatus.PAID and approved.paid_at is not None
    sms = SmsMessage.objects.get(kind="claim_paid")
    assert "9,961" in sms.body and "0123" in sms.body
    with pytest.raises(ValidationError):
        services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    with pytest.raises(ValidationError):
        services.payout_batch_create(actor=staff.finance)


def test_failed_line_returns_to_the_queue_and_is_paid_once(approved, staff):
    batch = services.payout_batch_create(actor=staff.finance)
    line = batch.lines.get()
    services.payout_line_fail(actor=staff.finance, line=line, reason="户名与卡号不符")
    approved.refresh_from_db()
    assert approved.status == ClaimStatus.PAYMENT_FAILED
    services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    approved.refresh_from_db()
    assert approved.status == ClaimStatus.PAYMENT_FAILED  # the failed line was not paid

    again = services.payout_batch_create(actor=staff.finance)
    services.payout_batch_mark_paid(actor=staff.finance, batch=again)
    approved.refresh_from_db()
    assert approved.status == ClaimStatus.PAID
    assert list(PayoutLine.objects.values_list("status", flat=True).order_by("id")) == [
        LineStatus.FAILED,
        LineStatus.PAID,
    ]


def test_the_database_refuses_a_second_live_line(approved, staff):
    batch = services.payout_batch_create(actor=staff.finance)
    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutLine.objects.create(batch=batch, claim=approved, amount=approved.amount)


def test_only_finance_pays(approved, staff):
    for user in (staff.reviewer, staff.admin, staff.union_a1):
        with pytest.raises(PermissionDenied):
            services.payout_batch_create(actor=user)


def test_members_without_a_bank_card_stay_in_the_queue(approved, staff, cheng):
    type(cheng).objects.filter(pk=cheng.pk).update(bank_card="")
    with pytest.raises(ValidationError, match="银行卡"):
        services.payout_batch_create(actor=staff.finance)
    approved.refresh_from_db()
    assert approved.status == ClaimStatus.APPROVED
