"""Applying the bureau's feed: a file from the screen or `import_settlements`, or records pushed
to the API, all through settlements_apply, as one transaction (commands.md):

1. Stream. Rows are read one at a time and validated (rows.py): bad rows go to the report,
   the rest have their ID number and diagnosis encrypted and the ID number hashed, and are
   streamed into a temporary staging table (one COPY on PostgreSQL). Nothing is kept in
   memory but the current chunk.
2. Store, set-based. One INSERT … SELECT moves the staged rows into the records, matching
   each to an enrolled member by joins (the keyed hash of the ID number, the federation's
   period containing the discharge date, an effective enrollment in any plan of it), in the
   file's order, skipping serial numbers already stored (ON CONFLICT DO NOTHING: earlier in
   this file or in an earlier one). The database does the matching with its own joins
   instead of a lookup per row.
3. Reversals. Notices of settlements this feed reverses are cancelled; a confirmed one (the
   benefit went to payment) is cancelled and a recovery (追回) opened for staff.
4. Compute, streaming. The feed's matched records come back in order of member, discharge
   date and serial number (so caps fill up as the stays happened, whatever the order of
   the file), with the member's facts, whether a reversal cancels them, and, merged from a
   second ordered stream, the member's enrollments; each member starts from what was
   already granted in the period (selectors.amounts_paid_before, the claims hook). Each
   record owed something gets a BenefitNotice with the engine's lines and trace.
5. After commit, the new notices are sent by SMS in the background (tasks.py).
"""

import datetime
import json
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.claims import services as claim_services
from gonghui.claims.models import Channel, Claim, ComputationLine
from gonghui.claims.selectors import SETTLED_LINES
from gonghui.core.imports import ImportReport, RowError
from gonghui.core.money import fmt_yuan
from gonghui.core.tabular import FileFormatError, Limits, open_table
from gonghui.medinsure import access, handoff
from gonghui.medinsure.bulk import copy_lines, copy_text, db_value, insert_rows, is_postgresql
from gonghui.medinsure.models import (
    FIELD_HEADERS,
    REQUIRED_FIELDS,
    STANDING_STATUSES,
    BenefitNotice,
    BureauApiKey,
    CancerHint,
    Category,
    NoticeEvent,
    NoticeKind,
    NoticeStatus,
    RecordKind,
    Recovery,
    RecoveryStatus,
    SettlementImport,
    SettlementRecord,
)
from gonghui.medinsure.rows import RowReader, SettlementRow
from gonghui.medinsure.selectors import (
    amounts_paid_before,
    any_paid_before,
    column_mapping_for,
)
from gonghui.medinsure.services.notices import notice_check_transition
from gonghui.mutual_aid import quotes
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Period, Plan
from gonghui.mutual_aid.rules import Before, Event
from gonghui.mutual_aid.rules import Period as EnginePeriod
from gonghui.mutual_aid.selectors import parameters_for
from gonghui.mutual_aid.services import parameters_freeze
from gonghui.orgs.models import Member, Organisation, OrgKind

CHUNK_ROWS = 5000  # rows validated and staged together; records computed together
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
_NULL = "\\N"


class _Aborted(Exception):
    """Leaves the import's transaction when the file turns out unreadable half-way."""


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
    progress=None,
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
        progress=progress,
    )


def settlements_import_job(*, job, source, progress) -> ImportReport:
    """The background job of the upload page (core.jobs): options carry the federation and
    the column mapping confirmed on the preview."""
    federation = Organisation.objects.get(pk=job.options["federation"])
    return settlements_import(
        federation=federation,
        source=source,
        actor=job.created_by,
        origin=SettlementImport.Source.FILE,
        original_name=job.original_name,
        mapping=job.options.get("mapping") or None,
        job=job,
        progress=progress,
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


def settlements_apply(
    *, federation: Organisation, rows, read, report: ImportReport, batch_fields: dict, progress=None
) -> ImportReport:
    """The one path of every feed: `rows` yields (row number, cells), `read` turns them into
    SettlementRows or raises RowError. See the module's docstring for the steps."""
    if federation.kind != OrgKind.FEDERATION:
        raise ValidationError(_("Settlement records are imported for a county federation."))
    summary = report.summary
    try:
        with transaction.atomic():
            if is_postgresql():
                # Sorting and hashing a million staged rows in memory rather than on disk.
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL work_mem = '64MB'")
            now = timezone.now()
            batch = SettlementImport.objects.create(federation=federation, **batch_fields)
            feed = _Feed(federation, batch, now)
            staged = _stage(feed, rows, read, report, progress)
            summary["rejected"] = len(report.errors)
            summary["imported"] = _store(feed)
            summary["duplicates"] = staged - summary["imported"]
            summary["reversals"], summary["matched"] = _counts(batch)
            _cancel_reversed(feed)
            benefits, amount, notices = _compute(feed)
            summary["benefits"] = benefits
            summary["amount"] = f"{amount:.2f}"
            batch.summary = dict(summary)
            batch.status = SettlementImport.Status.APPLIED
            batch.finished_at = timezone.now()
            batch.save(update_fields=["summary", "status", "finished_at"])
            if notices:
                transaction.on_commit(lambda: _enqueue_notify(batch.pk))
    except _Aborted:
        report.summary = _empty_summary() | {"rows": summary["rows"]}
        report.errors = []
        return report
    report.applied = True
    return report


def _enqueue_notify(batch_id: int) -> None:
    from gonghui.medinsure.tasks import notify_benefit_notices

    notify_benefit_notices.enqueue(batch_id)


# --- 1. stream into the staging table ------------------------------------------------------

STAGING = "medinsure_staging"
STAGING_COLUMNS = [
    ("position", "integer"),
    ("row_number", "integer"),
    ("serial", "varchar(64)"),
    ("kind", "varchar(8)"),
    ("original_serial", "varchar(64)"),
    ("id_number", "text"),
    ("id_hash", "varchar(64)"),
    ("name", "varchar(64)"),
    ("category", "varchar(10)"),
    ("hospital", "varchar(128)"),
    ("hospital_level", "varchar(16)"),
    ("place", "varchar(9)"),
    ("admission", "date"),
    ("discharge", "date"),
    ("diagnosis", "text"),
    ("cancer_hint", "varchar(16)"),
    ("total_cost", "numeric(14, 2)"),
    ("fund_paid", "numeric(14, 2)"),
    ("personal_paid", "numeric(14, 2)"),
    ("self_responsibility", "numeric(14, 2)"),
    ("self_care", "numeric(14, 2)"),
    ("self_paid", "numeric(14, 2)"),
    ("settled_on", "date"),
]


class _Staging:
    """A temporary table for the feed's valid rows, dropped once stored (and with the
    transaction on PostgreSQL). On PostgreSQL one COPY stays open for the whole file."""

    def __init__(self, name: str):
        self.name = name
        quote = connection.ops.quote_name
        self.postgresql = is_postgresql()
        columns = ", ".join(f"{quote(name)} {kind}" for name, kind in STAGING_COLUMNS)
        self.names = ", ".join(quote(name) for name, _kind in STAGING_COLUMNS)
        self.cursor = connection.cursor()
        suffix = " ON COMMIT DROP" if self.postgresql else ""
        self.cursor.execute(f"CREATE TEMPORARY TABLE {name} ({columns}){suffix}")
        self._copy_context = self._copy = None
        if self.postgresql:
            self._copy_context = self.cursor.cursor.copy(f"COPY {name} ({self.names}) FROM STDIN")
            self._copy = self._copy_context.__enter__()
        self.count = 0

    def write(self, rows: list[SettlementRow]) -> None:
        start = self.count
        if self.postgresql:
            self._copy.write(
                "".join(_staging_line(start + n, row) for n, row in enumerate(rows, start=1))
            )
        else:
            marks = ", ".join(["%s"] * len(STAGING_COLUMNS))
            self.cursor.executemany(
                f"INSERT INTO {self.name} ({self.names}) VALUES ({marks})",  # noqa: S608
                [_staging_values(start + n, row) for n, row in enumerate(rows, start=1)],
            )
        self.count += len(rows)

    def close(self, exc_info=(None, None, None)) -> None:
        if self._copy_context is not None:
            context, self._copy_context = self._copy_context, None
            context.__exit__(*exc_info)


def _staging_name(feed: "_Feed") -> str:
    return f"{STAGING}_{feed.batch.pk}"


def _stage(feed: "_Feed", rows, read, report: ImportReport, progress) -> int:
    """Read, validate and stage every row; returns how many valid rows were staged."""
    summary = report.summary
    staging = _Staging(_staging_name(feed))
    chunk: list[SettlementRow] = []
    try:
        for number, cells in rows:
            summary["rows"] += 1
            try:
                chunk.append(read(number, cells))
            except RowError as exc:
                report.refuse(number, str(exc))
            if len(chunk) >= CHUNK_ROWS:
                staging.write(chunk)
                chunk = []
                if progress:
                    progress(summary["rows"])
        if chunk:
            staging.write(chunk)
    except FileFormatError as exc:  # unreadable half-way (tabular's checks missed nothing)
        staging.close((type(exc), exc, exc.__traceback__))
        report.file_error = str(exc)
        raise _Aborted from exc
    except BaseException as exc:
        staging.close((type(exc), exc, exc.__traceback__))
        raise
    staging.close()
    if progress:
        progress(summary["rows"])
    return staging.count


def _staging_values(position: int, row: SettlementRow) -> tuple:
    return (
        position,
        row.number,
        row.serial,
        row.kind,
        row.original_serial,
        row.id_cipher,
        row.id_hash,
        row.name,
        row.category,
        row.hospital,
        row.hospital_level,
        row.place,
        row.admission,
        row.discharge,
        row.diagnosis_cipher,
        row.cancer_hint,
        row.total_cost,
        row.fund_paid,
        row.personal_paid,
        row.self_responsibility,
        row.self_care,
        row.self_paid,
        row.settled_on,
    )


def _staging_line(position: int, row: SettlementRow) -> str:
    """_staging_values as a line of COPY's text format. Ciphertexts (base64), hashes (hex),
    codes, dates and numbers need no escaping; texts from the file do."""
    return (
        "\t".join(
            (
                str(position),
                _NULL if row.number is None else str(row.number),
                copy_text(row.serial),
                row.kind,
                copy_text(row.original_serial),
                row.id_cipher,
                row.id_hash,
                copy_text(row.name),
                row.category,
                copy_text(row.hospital),
                copy_text(row.hospital_level),
                row.place,
                _NULL if row.admission is None else row.admission.isoformat(),
                row.discharge.isoformat(),
                row.diagnosis_cipher,
                row.cancer_hint,
                str(row.total_cost),
                str(row.fund_paid),
                str(row.personal_paid),
                str(row.self_responsibility),
                str(row.self_care),
                str(row.self_paid),
                _NULL if row.settled_on is None else row.settled_on.isoformat(),
            )
        )
        + "\n"
    )


# --- 2. store, matching by joins -----------------------------------------------------------

STORED = [name for name, _kind in STAGING_COLUMNS if name != "position"]


def _store(feed: _Feed) -> int:
    """Move the staged rows into the records, matched and without serials already stored;
    returns how many were stored."""
    quote = connection.ops.quote_name
    staging = _staging_name(feed)
    record = quote(SettlementRecord._meta.db_table)
    period = quote(Period._meta.db_table)
    member = quote(Member._meta.db_table)
    enrollment = quote(Enrollment._meta.db_table)
    columns = [
        "federation_id",
        "batch_id",
        *STORED,
        "member_id",
        "period_id",
        "created_at",
    ]
    selected = ", ".join(f"s.{quote(name)}" for name in STORED)
    sql = f"""
        INSERT INTO {record} ({", ".join(quote(name) for name in columns)})
        SELECT %s, %s, {selected},
               m.{quote("id")},
               CASE WHEN m.{quote("id")} IS NULL THEN NULL ELSE p.{quote("id")} END,
               %s
        FROM {staging} s
        LEFT JOIN {period} p
          ON p.{quote("scheme_id")} = %s
         AND s.{quote("discharge")} >= p.{quote("start")}
         AND s.{quote("discharge")} <= p.{quote("end")}
        LEFT JOIN {member} m
          ON m.{quote("id_hash")} = s.{quote("id_hash")}
         AND EXISTS (
             SELECT 1 FROM {enrollment} e
             WHERE e.{quote("member_id")} = m.{quote("id")}
               AND e.{quote("period_id")} = p.{quote("id")}
               AND e.{quote("status")} = %s
         )
        WHERE 1 = 1
        ORDER BY s.{quote("position")}
        ON CONFLICT ({quote("federation_id")}, {quote("serial")}) DO NOTHING
    """  # noqa: S608 (names from the models, quoted; values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                feed.federation.pk,
                feed.batch.pk,
                db_value(SettlementRecord, "created_at", feed.now),
                feed.scheme_id if feed.scheme_id is not None else -1,
                EnrollmentStatus.EFFECTIVE,
            ],
        )
        stored = cursor.rowcount
        cursor.execute(f"DROP TABLE {staging}")
    return stored


def _counts(batch: SettlementImport) -> tuple[int, int]:
    """(reversals stored, normal records stored and matched), from the partial indexes."""
    records = SettlementRecord.objects.filter(batch=batch)
    reversals = records.filter(kind=RecordKind.REVERSAL).count()
    matched = records.filter(member__isnull=False, kind=RecordKind.NORMAL).count()
    return reversals, matched


# --- 3. reversals --------------------------------------------------------------------------


def _cancel_reversed(feed: _Feed) -> None:
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
            affected.select_for_update(of=("self",))
            .select_related("record", "claim")
            .order_by("id")
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
                note += " " + _("Claim %(reference)s was withdrawn.") % {
                    "reference": claim.reference
                }
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


# --- 4. compute, streaming -----------------------------------------------------------------

# Only 住院 feeds INPATIENT and 生育 feeds MATERNITY (medical-insurance-feed.md). The engine
# refuses a special outpatient visit for INPATIENT (NOT_COVERED_CATEGORY) and no plan covers
# an ordinary outpatient visit, so those records are matched but never computed.
_COMPUTED = (Category.INPATIENT, Category.MATERNITY)
_RECORD_FIELDS = (
    "id",
    "member_id",
    "period_id",
    "serial",
    "category",
    "admission",
    "discharge",
    "place",
    "self_responsibility",
    "cancer_hint",
    "member__gender",
    "member__basic_medical_insurance",
    "member__maternity_insurance",
    "reversed",
)
NOTICE_COLUMNS = [
    "record_id",
    "batch_id",
    "member_id",
    "period_id",
    "kind",
    "status",
    "total",
    "inpatient_subsidy",
    "inpatient_allowance_days",
    "lines",
    "refused",
    "trace",
    "parameter_set_id",
    "parameters_version",
    "discharge",
    "created_at",
    "bank_card_masked",
    "claim_id",
]


def _compute(feed: _Feed) -> tuple[int, Decimal, int]:
    """Notices for the feed's matched records; returns how many notices with an amount were
    made, their sum, and how many notices were made in all."""
    matched = SettlementRecord.objects.filter(
        batch=feed.batch, member__isnull=False, kind=RecordKind.NORMAL
    )
    computed = matched.filter(category__in=_COMPUTED)
    reversal = SettlementRecord.objects.filter(
        federation_id=OuterRef("federation_id"),
        kind=RecordKind.REVERSAL,
        original_serial=OuterRef("serial"),
    )
    records = (
        computed.annotate(reversed=Exists(reversal))
        .order_by("member_id", "discharge", "serial")
        .values_list(*_RECORD_FIELDS)
        .iterator(chunk_size=CHUNK_ROWS)
    )
    period_ids = [period.pk for period in feed.periods]
    enrollments = (
        Enrollment.objects.filter(
            status=EnrollmentStatus.EFFECTIVE,
            period_id__in=period_ids,
            member_id__in=computed.values("member_id"),
        )
        .order_by("member_id")
        .values_list("member_id", "period_id", "plan", "enrolled_on", "renewal")
        .iterator(chunk_size=CHUNK_ROWS)
    )
    look_back = any_paid_before(period_ids, exclude_batch_id=feed.batch.pk)
    feed.hand_claims = Claim.objects.exclude(channel=Channel.RECORD).exists()
    totals = [0, ZERO, 0]
    pending: list[tuple] = []
    plans_of: dict[tuple[int, int], dict] = {}
    next_enrollment = next(enrollments, None)
    for record in records:
        member_id = record[1]
        if pending and pending[-1][1] != member_id and len(pending) >= CHUNK_ROWS:
            _compute_chunk(feed, pending, plans_of, look_back, totals)
            pending, plans_of = [], {}
        if not pending or pending[-1][1] != member_id:
            # The enrollments stream is ordered by member too: take this member's.
            while next_enrollment is not None and next_enrollment[0] < member_id:
                next_enrollment = next(enrollments, None)
            while next_enrollment is not None and next_enrollment[0] == member_id:
                _member, period_id, plan, enrolled_on, renewal = next_enrollment
                groups = plans_of.setdefault((member_id, period_id), defaultdict(set))
                groups[(_day(enrolled_on), bool(renewal))].add(plan)
                next_enrollment = next(enrollments, None)
        pending.append(record)
    if pending:
        _compute_chunk(feed, pending, plans_of, look_back, totals)
    return totals[0], totals[1], totals[2]


def _compute_chunk(feed: _Feed, records: list[tuple], plans_of: dict, look_back: bool, totals):
    """Compute a run of whole members' records (in order) and write their notices."""
    member_ids = sorted({record[1] for record in records})
    before = (
        amounts_paid_before(
            member_ids,
            {record[2] for record in records},
            exclude_batch_id=feed.batch.pk,
        )
        if look_back
        else {}
    )
    claimed = handoff.stays_claimed_by_hand(member_ids) if feed.hand_claims else {}
    created_at = db_value(BenefitNotice, "created_at", feed.now)
    as_text = is_postgresql()
    rows = []
    for (
        record_id,
        member_id,
        period_id,
        serial,
        category,
        admission,
        discharge,
        place,
        self_responsibility,
        hint,
        gender,
        basic,
        maternity,
        reversed_,
    ) in records:
        if reversed_:
            continue
        discharge, admission = _day(discharge), admission and _day(admission)
        key = (member_id, period_id)
        period, parameter_set, parameters, engine_period = feed.computing(period_id)
        groups = plans_of.get(key, {})
        if category == Category.INPATIENT:
            event = Event(
                type="inpatient",
                admission=admission,
                discharge=discharge,
                place=place,
                self_responsibility=Decimal(self_responsibility),
            )
        else:
            event = Event(type="birth", date=discharge)
        so_far = before.get(key) or Before()
        # The claim deadline does not apply to records the bureau sends (commands.md): the
        # record is computed as if filed on its event date, which lies within the period.
        results = quotes.results_for_groups(
            parameters=parameters,
            period=engine_period,
            facts={
                "gender": gender,
                "basic_medical_insurance": bool(basic),
                "maternity_insurance": bool(maternity),
            },
            groups=groups,
            event=event,
            filed_on=discharge,
            before=so_far,
        )
        quote = quotes.quote_from_results(period, results, parameter_set.label)
        kind = NoticeKind.BENEFIT
        if category == Category.INPATIENT and _asks_pathology(
            hint, gender, set().union(*groups.values()) if groups else set()
        ):
            kind = NoticeKind.NEEDS_PATHOLOGY_REPORT
        # A record owed nothing gets no notice, unless the member is to be asked for the
        # pathology report (that notice stands even at 0 yuan, but, like commands.md's
        # `benefits`, only notices above zero are counted and summed).
        if quote.total <= 0 and kind == NoticeKind.BENEFIT:
            continue
        # A stay the member already filed by hand meets its record as one claim.
        hand_claim, hand_granted = (
            handoff.claimed_by_hand(
                claimed[member_id],
                category=category,
                admission=admission,
                discharge=discharge,
                serial=serial,
            )
            if member_id in claimed
            else (None, False)
        )
        lines = {line.code: line.amount for line in quote.lines}
        subsidy = lines.get("INPATIENT.subsidy", ZERO)
        days = _allowance_days(results) if "INPATIENT.allowance" in lines else 0
        if not hand_granted:  # a granted claim is in `before` already, with its own lines
            before[key] = Before(
                inpatient_subsidy=so_far.inpatient_subsidy + subsidy,
                inpatient_allowance_days=so_far.inpatient_allowance_days + days,
                critical_paid=so_far.critical_paid,
                female_paid=so_far.female_paid,
            )
        values = (
            record_id,
            feed.batch.pk,
            member_id,
            period_id,
            kind,
            NoticeStatus.PENDING if hand_claim is None else NoticeStatus.MERGED,
            quote.total,
            subsidy,
            days,
            json.dumps({code: str(value) for code, value in lines.items()}),
            json.dumps({item.plan: item.reason for item in quote.refused}),
            json.dumps(_trace(results, quote.total), ensure_ascii=False),
            parameter_set.pk,
            parameter_set.label,
            discharge,
            created_at,
            "",
            hand_claim,
        )
        rows.append(_notice_line(values) if as_text else values)
        totals[2] += 1
        if quote.total > 0:
            totals[0] += 1
            totals[1] += quote.total
    if as_text:
        copy_lines(BenefitNotice, NOTICE_COLUMNS, rows)
    else:
        insert_rows(BenefitNotice, NOTICE_COLUMNS, rows)


def _notice_line(values: tuple) -> str:
    """A notice in COPY's text format (JSON escaped for COPY)."""
    return "\t".join(
        (
            *(str(value) for value in values[:9]),
            copy_text(values[9]),
            copy_text(values[10]),
            copy_text(values[11]),
            str(values[12]),
            copy_text(values[13]),
            values[14].isoformat(),
            values[15].isoformat(),
            values[16],
            _NULL if values[17] is None else str(values[17]),
        )
    )


def _day(value) -> datetime.date:
    """A DateField read back (SQLite may give text through raw paths)."""
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _asks_pathology(hint: str, gender: str, plans: set[str]) -> bool:
    """A malignant diagnosis (C00–C97) may call on CRITICAL; one of breast or female organs
    (C50–C58) on FEMALE for a woman too; carcinoma in situ never. Such plans are not paid from
    the record: the member is asked for the pathology report."""
    if hint not in (CancerHint.MALIGNANT, CancerHint.FEMALE_MALIGNANT):
        return False
    if Plan.CRITICAL in plans:
        return True
    return hint == CancerHint.FEMALE_MALIGNANT and gender == "female" and Plan.FEMALE in plans


def _allowance_days(results) -> int:
    result = results.get("INPATIENT")
    if result is None:
        return 0
    for step in result.trace:
        if step.rule == "INPATIENT.allowance":
            return int(step.inputs["paid_days"])
    return 0


def _trace(results, total: Decimal) -> list[dict]:
    """Each plan's steps from the result that decided it, then the total."""
    steps, seen = [], set()
    for plan, result in results.items():
        for step in result.trace:
            key = (step.plan, step.rule, step.text)
            if step.plan == plan and key not in seen:
                seen.add(key)
                steps.append(
                    {
                        "plan": step.plan,
                        "line": step.line,
                        "rule": step.rule,
                        "inputs": step.inputs,
                        "text": step.text,
                    }
                )
    steps.append(
        {
            "plan": "",
            "line": None,
            "rule": "total",
            "inputs": {"total": str(total)},
            "text": f"合计 {fmt_yuan(total)} 元",
        }
    )
    return steps
