"""Applying the bureau's feed: a file from the screen or `import_settlements`, or records pushed
to the API, all through settlements_apply (commands.md). Idempotent by serial number: a file
imported again adds nothing.

1. Stream (staging.py). Rows are read one at a time and validated (rows.py): bad rows go to
   the report, the rest have their ID number and diagnosis encrypted and the ID number
   hashed, and are streamed into a temporary staging table (COPY on PostgreSQL). Nothing is
   kept in memory but the current chunk, and nothing is written to the database's own
   tables: on SQLite no lock is held while a million rows are checked.
2. Store, set-based (staging.py). INSERT … SELECT moves the staged rows into the records,
   matching each to an enrolled member by joins (the keyed hash of the ID number, the
   federation's period containing the discharge date, an effective enrollment in any plan
   of it), in the file's order, skipping serial numbers already stored (ON CONFLICT DO
   NOTHING: earlier in this file or in an earlier one).
3. Reversals. Notices of settlements this feed reverses are cancelled; a confirmed one (the
   benefit went to payment) is cancelled and a recovery (追回) opened for staff.
4. Compute (compute.py): each matched record owed something gets a BenefitNotice with the
   engine's lines and trace.
5. Once done, the new notices are sent by SMS in the background (tasks.py).

Steps 2 to 4 write in chunks, each its own transaction, so that on SQLite (one writer at a
time) pages keep working during a long import. Each chunk moves the import's checkpoint
(SettlementImport.progress) in the same transaction, so an import whose worker was killed
is resumed by the job (core.jobs) with the same SettlementImport: the file is staged again,
stored records add nothing, reversals already applied find nothing left to cancel, and
notices are computed from the member after the checkpoint on; the summary counts the work
of every run once. Meanwhile a reader may see an import's records before their notices.
"""

from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.claims import services as claim_services
from gonghui.claims.models import Claim, ComputationLine
from gonghui.claims.selectors import SETTLED_LINES
from gonghui.core.imports import ImportReport, RowError
from gonghui.core.rowimport import LocalRun
from gonghui.core.tabular import FileFormatError, Limits, open_table
from gonghui.medinsure import access
from gonghui.medinsure.bulk import is_postgresql
from gonghui.medinsure.models import (
    FIELD_HEADERS,
    REQUIRED_FIELDS,
    STANDING_STATUSES,
    BenefitNotice,
    BureauApiKey,
    NoticeEvent,
    NoticeStatus,
    RecordKind,
    Recovery,
    RecoveryStatus,
    SettlementImport,
    SettlementRecord,
)
from gonghui.medinsure.rows import RowReader
from gonghui.medinsure.selectors import column_mapping_for
from gonghui.medinsure.services.compute import compute
from gonghui.medinsure.services.notices import notice_check_transition
from gonghui.medinsure.services.staging import CHUNK_ROWS, Aborted, Staging, counts, stage, store
from gonghui.mutual_aid.models import Period
from gonghui.mutual_aid.rules import Period as EnginePeriod
from gonghui.mutual_aid.selectors import parameters_for
from gonghui.mutual_aid.services import parameters_freeze
from gonghui.orgs.models import Member, Organisation, OrgKind

SUMMARY_KEYS = (
    "rows",
    "imported",
    "rejected",
    "duplicates",
    "reversals",
    "matched",
    "benefits",
    "amount",
)
ZERO = Decimal("0")


def _empty_summary() -> dict:
    return {key: 0 for key in SUMMARY_KEYS} | {"amount": "0.00"}


# --- the three ways in ---------------------------------------------------------------------


def settlements_import(
    *,
    federation: Organisation,
    source,
    actor=None,
    origin: str = SettlementImport.Source.COMMAND,
    original_name: str = "",
    mapping: dict[str, str] | None = None,
    job=None,
    run=None,
) -> ImportReport:
    """A file of the bureau (CSV in UTF-8 or GBK, or .xlsx) read through the federation's
    column mapping. Bad rows are refused and reported, the rest applied (commands.md)."""
    if actor is not None and not access.can_import(actor, federation):
        raise PermissionDenied(_("You may not import this federation's settlement records."))
    report = ImportReport(summary=_empty_summary())
    mapping = {**column_mapping_for(federation), **(mapping or {})}
    try:
        names, rows = open_table(
            source, [mapping[name] for name in REQUIRED_FIELDS], limits=Limits.feed()
        )
    except FileFormatError as exc:
        report.file_error = str(exc)
        return report
    positions = {name: names.index(header) for name, header in mapping.items() if header in names}
    reader = RowReader(positions, headers=mapping)
    return settlements_apply(
        federation=federation,
        rows=rows,
        read=reader.read,
        report=report,
        batch_fields={
            "source": origin,
            "original_name": original_name[:255],
            "created_by": actor,
            "job": job,
        },
        run=run,
    )


def settlements_import_job(*, job, source, run) -> ImportReport:
    """The background job of the upload page (core.jobs): options carry the federation and
    the column mapping confirmed on the preview. A resumed job goes on with its import."""
    federation = Organisation.objects.get(pk=job.options["federation"])
    return settlements_import(
        federation=federation,
        source=source,
        actor=job.created_by,
        origin=SettlementImport.Source.FILE,
        original_name=job.original_name,
        mapping=job.options.get("mapping") or None,
        job=job,
        run=run,
    )


def settlements_push(*, api_key: BureauApiKey, records: list[dict]) -> ImportReport:
    """Records pushed by the bureau's system, one or many, keyed by our field names
    (FIELD_HEADERS); idempotent by serial number like a file. Errors are numbered from 1 in
    the order the records were sent."""
    if not api_key.active:
        raise PermissionDenied(_("This API key has been revoked."))
    report = ImportReport(summary=_empty_summary())
    reader = RowReader({})

    def read(number, record):
        if not isinstance(record, dict):
            raise RowError(_("Each record must be a JSON object."))
        values = {
            name: value.strip() if isinstance(value, str) else value
            for name, value in record.items()
            if name in FIELD_HEADERS
        }
        return reader.read_values(None, values)

    BureauApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
    return settlements_apply(
        federation=api_key.federation,
        rows=enumerate(records, start=1),
        read=read,
        report=report,
        batch_fields={"source": SettlementImport.Source.API, "api_key": api_key},
    )


# --- the one path --------------------------------------------------------------------------


class _Feed:
    """What applying one feed needs to know once: the federation's periods (their bounds,
    parameters and plans) and the fixed values of every record."""

    def __init__(self, federation: Organisation, batch: SettlementImport, now):
        self.federation = federation
        self.batch = batch
        self.now = now
        self.periods = list(Period.objects.filter(scheme__federation=federation).order_by("start"))
        self.scheme_id = self.periods[0].scheme_id if self.periods else None
        self._computing: dict[int, tuple] = {}
        self.hand_claims = False  # whether any claim was filed by hand (set by _compute)

    def computing(self, period_id: int) -> tuple:
        """(period, parameter set, engine parameters, engine period); the parameter set is
        frozen the first time a feed computes with it, like a claim's."""
        if period_id not in self._computing:
            period = next(period for period in self.periods if period.pk == period_id)
            parameters_freeze(actor=None, period=period)
            current, parameters = parameters_for(period)
            self._computing[period_id] = (
                period,
                current,
                parameters,
                EnginePeriod(start=period.start, end=period.end),
            )
        return self._computing[period_id]


# --- the one path --------------------------------------------------------------------------


class _Feed:
    """What applying one feed needs to know once: the federation's periods (their bounds,
    parameters and plans) and the fixed values of every record."""

    def __init__(self, federation: Organisation, batch: SettlementImport, now):
        self.federation = federation
        self.batch = batch
        self.now = now
        self.periods = list(Period.objects.filter(scheme__federation=federation).order_by("start"))
        self.scheme_id = self.periods[0].scheme_id if self.periods else None
        self._computing: dict[int, tuple] = {}
        self.hand_claims = False  # whether any claim was filed by hand (set by compute)

    def computing(self, period_id: int) -> tuple:
        """(period, parameter set, engine parameters, engine period); the parameter set is
        frozen the first time a feed computes with it, like a claim's."""
        if period_id not in self._computing:
            period = next(period for period in self.periods if period.pk == period_id)
            parameters_freeze(actor=None, period=period)
            current, parameters = parameters_for(period)
            self._computing[period_id] = (
                period,
                current,
                parameters,
                EnginePeriod(start=period.start, end=period.end),
            )
        return self._computing[period_id]


def settlements_apply(
    *, federation: Organisation, rows, read, report: ImportReport, batch_fields: dict, run=None
) -> ImportReport:
    """The one path of every feed: `rows` yields (row number, cells), `read` turns them into
    SettlementRows or raises RowError. See the module's docstring for the steps."""
    if federation.kind != OrgKind.FEDERATION:
        raise ValidationError(_("Settlement records are imported for a county federation."))
    run = run or LocalRun()
    summary = report.summary
    job = batch_fields.get("job")
    batch = SettlementImport.objects.filter(job=job).first() if job is not None else None
    if batch is None:
        with run.transaction():
            batch = SettlementImport.objects.create(federation=federation, **batch_fields)
    feed = _Feed(federation, batch, timezone.now())
    with _work_memory():
        staging = Staging(batch)
        try:
            staged = stage(staging, rows, read, report, run)
            summary["rejected"] = len(report.errors)
            summary["imported"] = store(feed, staging, run)
        except Aborted:
            with run.transaction():
                batch.delete()  # nothing of the file was stored
            report.summary = _empty_summary() | {"rows": summary["rows"]}
            report.errors = []
            return report
        finally:
            staging.drop()
        summary["duplicates"] = staged - summary["imported"]
        summary["reversals"], summary["matched"] = counts(batch)
        _cancel_reversed(feed, run)
        benefits, amount, notices = compute(feed, run)
    summary["benefits"] = benefits
    summary["amount"] = f"{amount:.2f}"
    with run.transaction():
        batch.summary = dict(summary)
        batch.status = SettlementImport.Status.APPLIED
        batch.finished_at = timezone.now()
        batch.save(update_fields=["summary", "status", "finished_at"])
        if notices:
            transaction.on_commit(lambda: _enqueue_notify(batch.pk))
    report.applied = True
    return report


@contextmanager
def _work_memory():
    """PostgreSQL sorts and hashes a million staged rows in memory rather than on disk."""
    if not is_postgresql():
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET work_mem = '64MB'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET work_mem")


def _enqueue_notify(batch_id: int) -> None:
    from gonghui.medinsure.tasks import notify_benefit_notices

    notify_benefit_notices.enqueue(batch_id)


# --- 3. reversals --------------------------------------------------------------------------


def _cancel_reversed(feed: _Feed, run) -> None:
    """Notices of the settlements this feed reverses are cancelled. Where the benefit became
    a claim, claims.services.claim_settlement_reversed decides: a claim not yet paid is
    withdrawn (a hand-filed one still in review is flagged for its reviewer); one being paid
    or paid opens a recovery (追回) of what the settlement paid for (its INPATIENT and
    MATERNITY lines) for staff."""
    reversals = SettlementRecord.objects.filter(batch=feed.batch, kind=RecordKind.REVERSAL)
    last_id = 0
    while True:
        chunk = list(
            reversals.filter(id__gt=last_id)
            .order_by("id")
            .values_list("id", "original_serial")[:CHUNK_ROWS]
        )
        if not chunk:
            return
        last_id = chunk[-1][0]
        reversal_of = {original: reversal_id for reversal_id, original in chunk}
        # Each chunk in its own transaction; applied again (a resumed import), it finds
        # no notice left standing and changes nothing.
        with run.transaction():
            _cancel_chunk(feed, reversal_of)


def _cancel_chunk(feed: _Feed, reversal_of: dict[str, int]) -> None:
    affected = BenefitNotice.objects.filter(
        record__federation=feed.federation,
        record__serial__in=list(reversal_of),
        status__in=STANDING_STATUSES,
    )
    # Locked, members first as every decision on a member's claims does (claim_lock): a
    # member confirming or filing at this moment waits, then finds the notice cancelled.
    list(
        Member.objects.select_for_update()
        .filter(pk__in=affected.values("member_id"))
        .order_by("pk")
        .values_list("pk")
    )
    notices = list(
        affected.select_for_update(of=("self",)).select_related("record", "claim").order_by("id")
    )
    for status in STANDING_STATUSES:
        ids = [notice.pk for notice in notices if notice.status == status]
        if not ids:
            continue
        notice_check_transition(status, NoticeStatus.CANCELLED)
        BenefitNotice.objects.filter(id__in=ids, status=status).update(
            status=NoticeStatus.CANCELLED, closed_at=feed.now
        )
    events, recoveries = [], []
    asked_now: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for notice in notices:
        serial = notice.record.serial
        note = _("Settlement %(serial)s was reversed by the bureau.") % {"serial": serial}
        claim = notice.claim
        outcome, amount = "", ZERO
        if claim is not None:
            # Other records of the same stay may still stand on a claim filed by hand.
            whole = not BenefitNotice.objects.filter(
                claim_id=claim.pk, status__in=STANDING_STATUSES
            ).exists()
            outcome = claim_services.claim_settlement_reversed(
                claim=claim, serial=serial, whole=whole
            )
            # What is left to ask back: never more than the settlement paid in all,
            # whatever earlier reversals of the same claim's records already asked.
            left = _settled_part(claim) - _asked_back(claim.pk) - asked_now[claim.pk]
            amount = max(ZERO, left if whole else min(left, notice.total))
        elif notice.status == NoticeStatus.CONFIRMED:
            outcome, amount = claim_services.TO_RECOVER, notice.total  # before claims
        if outcome == claim_services.TO_RECOVER and amount > 0:
            note += " " + _("A recovery has been opened.")
            if claim is not None:
                asked_now[claim.pk] += amount
            recoveries.append(
                Recovery(
                    notice_id=notice.pk,
                    reversal_id=reversal_of[serial],
                    member_id=notice.member_id,
                    amount=amount,
                    opened_at=feed.now,
                )
            )
        elif outcome == claim_services.WITHDRAWN:
            note += " " + _("Claim %(reference)s was withdrawn.") % {"reference": claim.reference}
        events.append(
            NoticeEvent(
                notice_id=notice.pk,
                old_status=notice.status,
                new_status=NoticeStatus.CANCELLED,
                at=feed.now,
                note=note[:255],
            )
        )
    NoticeEvent.objects.bulk_create(events)
    Recovery.objects.bulk_create(recoveries)


def _asked_back(claim_id: int) -> Decimal:
    """What recoveries opened earlier for this claim's records ask back (waived ones not)."""
    return (
        Recovery.objects.filter(notice__claim_id=claim_id)
        .exclude(status=RecoveryStatus.WAIVED)
        .aggregate(amount=Sum("amount"))["amount"]
        or ZERO
    )


def _settled_part(claim: Claim) -> Decimal:
    """What a claim paid for the settlement itself: its INPATIENT and MATERNITY lines (a
    critical illness lump sum rests on the diagnosis, not on the settlement)."""
    if claim.computation_id is None:
        return ZERO
    return sum(
        ComputationLine.objects.filter(
            SETTLED_LINES, computation_id=claim.computation_id
        ).values_list("amount", flat=True),
        ZERO,
    )
