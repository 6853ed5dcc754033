"""County finance pays approved claims in batches: build a batch, export the bank transfer
file, mark the batch paid or single lines failed (a failed line's claim waits in the payout
queue for the next batch). Never twice: a claim moves into a batch only by a conditional
update from a payable state, and the database allows one line per claim that has not
failed (PayoutLine constraint payout_line_one_live_per_claim)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.claims import access
from gonghui.claims.models import (
    BatchStatus,
    Claim,
    ClaimStatus,
    LineStatus,
    PayoutBatch,
    PayoutLine,
    SmsKind,
)
from gonghui.claims.selectors import batches_visible_to, payout_queue
from gonghui.claims.services.computing import SETTLEMENT_REVERSED
from gonghui.claims.services.workflow import claim_notify, claim_transition
from gonghui.claims.signals import claim_rejected
from gonghui.core import exports
from gonghui.core.money import fmt_yuan


def _check_payer(actor, batch: PayoutBatch | None = None) -> None:
    if not access.can_pay(actor):
        raise PermissionDenied(_("Only county finance may pay claims."))
    if batch is not None and not batches_visible_to(actor).filter(pk=batch.pk).exists():
        raise PermissionDenied


def _lock_open(batch: PayoutBatch) -> PayoutBatch:
    batch = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != BatchStatus.OPEN:
        raise ValidationError(_("This batch is closed."), code="closed")
    return batch


@transaction.atomic
def payout_batch_create(*, actor, claim_ids: list[int] | None = None) -> PayoutBatch:
    """A batch of the approved claims waiting for payment (all of them, or those named).
    Claims whose member has no bank card on record stay in the queue; a claim another batch
    took meanwhile is left to that batch."""
    _check_payer(actor)
    claims = payout_queue(actor)
    if claim_ids is not None:
        claims = claims.filter(pk__in=claim_ids)
    batch = PayoutBatch.objects.create(federation=actor.org, created_by=actor)
    taken = 0
    for claim in claims:
        if not claim.member.bank_card:
            continue
        try:
            claim_transition(
                actor=actor,
                claim=claim,
                to=ClaimStatus.IN_PAYOUT_BATCH,
                note=_("In payout batch %(batch)s.") % {"batch": batch.reference},
            )
        except ValidationError as exc:
            if exc.code == "changed":
                continue
            raise
        PayoutLine.objects.create(batch=batch, claim=claim, amount=claim.amount)
        taken += 1
    if not taken:
        raise ValidationError(
            _(
                "No approved claim is waiting for payment (claims of members without a bank "
                "card on record stay in the queue)."
            ),
            code="empty",
        )
    return batch


TRANSFER_COLUMNS = (
    (pgettext("claims", "No."), 6),
    (pgettext("claims", "Name"), 12),
    (pgettext("claims", "Bank"), 24),
    (pgettext("claims", "Card number"), 24),
    (pgettext("claims", "Amount (yuan)"), 14),
    (_("Reference"), 34),
    (pgettext("claims", "Union"), 24),
)


@transaction.atomic
def payout_batch_export(*, actor, batch: PayoutBatch) -> bytes:
    """The bank transfer file (.xlsx) of the batch's lines waiting for the bank, with the
    full card numbers: the caller logs the export (AccessLog EXPORT)."""
    _check_payer(actor, batch)
    batch = _lock_open(batch)
    lines = batch.lines.filter(status=LineStatus.PENDING).select_related("claim__member__union")
    # The bank's layout: amounts stay numbers, card numbers are text (never 6.2E+18).
    book = exports.Workbook()
    sheet = book.sheet(batch.reference)
    sheet.write_row(0, 0, [str(title) for title, _width in TRANSFER_COLUMNS], exports.BOLD)
    sheet.widths(width for _title, width in TRANSFER_COLUMNS)
    for row, line in enumerate(lines, start=1):
        member = line.claim.member
        sheet.write(row, 0, row)
        sheet.write(row, 1, member.name)
        sheet.write(row, 2, member.bank_name)
        sheet.write(row, 3, member.bank_card, exports.TEXT)
        sheet.write(row, 4, line.amount, {"num_format": "0.00"})
        sheet.write(
            row,
            5,
            _("Mutual aid %(claim)s batch %(batch)s")
            % {"claim": line.claim.reference, "batch": batch.reference},
        )
        sheet.write(row, 6, member.union.name)
    content = book.close()
    PayoutBatch.objects.filter(pk=batch.pk).update(exported_at=timezone.now())
    return content


@transaction.atomic
def payout_line_fail(*, actor, line: PayoutLine, reason: str) -> PayoutLine:
    """The bank refused one transfer: the line fails and its claim returns to the queue."""
    _check_payer(actor, line.batch)
    _lock_open(line.batch)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the bank's reason."), code="reason")
    if not PayoutLine.objects.filter(pk=line.pk, status=LineStatus.PENDING).update(
        status=LineStatus.FAILED,
        failure_reason=reason[:255],
        decided_by=actor,
        decided_at=timezone.now(),
    ):
        raise ValidationError(_("This line has already been marked."), code="changed")
    claim = line.claim
    claim_transition(actor=actor, claim=claim, to=ClaimStatus.PAYMENT_FAILED, note=reason[:255])
    if claim.settlement_reversed_at is not None:
        # Its settlement was reversed while it was being paid: it is not paid again.
        claim_transition(
            actor=None,
            claim=claim,
            to=ClaimStatus.REJECTED,
            reason=SETTLEMENT_REVERSED,
            note=_("The medical insurance bureau reversed the settlement of this stay."),
        )
        claim_rejected.send(sender=Claim, claim=claim, reason=SETTLEMENT_REVERSED)
    line.refresh_from_db()
    return line


@transaction.atomic
def payout_batch_mark_paid(*, actor, batch: PayoutBatch) -> int:
    """The bank paid every line not marked failed: those claims are paid, the member gets an
    SMS, the batch closes. Returns how many claims were paid."""
    _check_payer(actor, batch)
    batch = _lock_open(batch)
    now = timezone.now()
    paid = 0
    for line in batch.lines.filter(status=LineStatus.PENDING).select_related("claim__member"):
        PayoutLine.objects.filter(pk=line.pk, status=LineStatus.PENDING).update(
            status=LineStatus.PAID, decided_by=actor, decided_at=now
        )
        claim = line.claim
        claim_transition(
            actor=actor,
            claim=claim,
            to=ClaimStatus.PAID,
            note=_("Paid with batch %(batch)s.") % {"batch": batch.reference},
        )
        claim_notify(
            claim=claim,
            kind=SmsKind.PAID,
            amount=fmt_yuan(line.amount),
            card=claim.member.bank_card[-4:],
        )
        paid += 1
    PayoutBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.CLOSED, closed_at=now)
    batch.status, batch.closed_at = BatchStatus.CLOSED, now
    return paid
