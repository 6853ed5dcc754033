"""Steps 1 and 2 of a feed (see feed.py): stream the valid rows into a temporary staging
table, then store them as records, matched by joins.

Staging writes only the connection's own temporary table, outside any transaction: on
SQLite that takes no lock on the database, so checking and encrypting a million rows keeps
no page from writing. Storing is a write: on SQLite it goes in chunks of STORE_CHUNK staged
rows, each in its own short transaction; on PostgreSQL (where a writer does not block
others) in one statement. Each chunk adds its count to the import's checkpoint in the same
transaction, and `ON CONFLICT DO NOTHING` on the serial makes a chunk stored again (after a
crash) add nothing."""

from django.db import connection

from gonghui.core.imports import ImportReport, RowError
from gonghui.core.models import ImportJob
from gonghui.core.tabular import FileFormatError
from gonghui.medinsure.bulk import copy_text, db_value, is_postgresql
from gonghui.medinsure.models import RecordKind, SettlementImport, SettlementRecord
from gonghui.medinsure.rows import SettlementRow
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Period
from gonghui.orgs.models import Member

CHUNK_ROWS = 5000  # rows validated and staged together; records computed together
STORE_CHUNK = 5000  # staged rows stored by one transaction on SQLite
NULL = "\\N"


class Aborted(Exception):
    """The file turned out unreadable half-way: nothing of it is stored."""


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


class Staging:
    """A temporary table for the feed's valid rows, dropped once stored (or with the
    session). On PostgreSQL one COPY stays open while rows come, paused only for the job's
    heartbeat (a connection runs nothing else during a COPY). On SQLite the position is the
    table's rowid, so that chunks of it are read by range."""

    def __init__(self, batch: SettlementImport):
        self.name = f"{STAGING}_{batch.pk}"
        quote = connection.ops.quote_name
        self.postgresql = is_postgresql()
        kinds = dict(STAGING_COLUMNS)
        if not self.postgresql:
            kinds["position"] = "integer primary key"
        columns = ", ".join(f"{quote(name)} {kind}" for name, kind in kinds.items())
        self.names = ", ".join(quote(name) for name, _kind in STAGING_COLUMNS)
        self.cursor = connection.cursor()
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.name}")
        self.cursor.execute(f"CREATE TEMPORARY TABLE {self.name} ({columns})")
        self._copy_context = self._copy = None
        self.count = 0

    def write(self, rows: list[SettlementRow]) -> None:
        start = self.count
        if self.postgresql:
            if self._copy is None:
                self._copy_context = self.cursor.cursor.copy(
                    f"COPY {self.name} ({self.names}) FROM STDIN"
                )
                self._copy = self._copy_context.__enter__()
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

    def pause(self, exc_info=(None, None, None)) -> None:
        """End the COPY under way (it starts again with the next write)."""
        if self._copy_context is not None:
            context, self._copy_context, self._copy = self._copy_context, None, None
            context.__exit__(*exc_info)

    def drop(self) -> None:
        self.pause()
        self.cursor.execute(f"DROP TABLE IF EXISTS {self.name}")
        self.cursor.close()


def stage(staging: Staging, rows, read, report: ImportReport, run) -> int:
    """Read, validate and stage every row; returns how many valid rows were staged."""
    summary = report.summary
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
                if run.due():
                    staging.pause()
                    run.beat(summary["rows"], ImportJob.Phase.CHECKING)
        if chunk:
            staging.write(chunk)
    except FileFormatError as exc:  # unreadable half-way (tabular's checks missed nothing)
        staging.pause((type(exc), exc, exc.__traceback__))
        report.file_error = str(exc)
        raise Aborted from exc
    except BaseException as exc:
        staging.pause((type(exc), exc, exc.__traceback__))
        raise
    staging.pause()
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
                NULL if row.number is None else str(row.number),
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
                NULL if row.admission is None else row.admission.isoformat(),
                row.discharge.isoformat(),
                row.diagnosis_cipher,
                row.cancer_hint,
                str(row.total_cost),
                str(row.fund_paid),
                str(row.personal_paid),
                str(row.self_responsibility),
                str(row.self_care),
                str(row.self_paid),
                NULL if row.settled_on is None else row.settled_on.isoformat(),
            )
        )
        + "\n"
    )


# --- 2. store, matching by joins -----------------------------------------------------------

STORED = [name for name, _kind in STAGING_COLUMNS if name != "position"]


def store(feed, staging: Staging, run) -> int:
    """Move the staged rows into the records, matched and without serials already stored,
    in chunks on SQLite; returns how many records the import stored in all (this run and
    any before it)."""
    quote = connection.ops.quote_name
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
        FROM {staging.name} s
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
        WHERE s.{quote("position")} > %s AND s.{quote("position")} <= %s
        ORDER BY s.{quote("position")}
        ON CONFLICT ({quote("federation_id")}, {quote("serial")}) DO NOTHING
    """  # noqa: S608 (names from the models, quoted; values are parameters)
    batch = feed.batch
    fixed = [
        feed.federation.pk,
        batch.pk,
        db_value(SettlementRecord, "created_at", feed.now),
        feed.scheme_id if feed.scheme_id is not None else -1,
        EnrollmentStatus.EFFECTIVE,
    ]
    step = staging.count if staging.postgresql else STORE_CHUNK
    stored_to = batch.progress.get("stored_to", 0)
    while stored_to < staging.count:
        upto = min(stored_to + step, staging.count)
        with run.transaction():
            with connection.cursor() as cursor:
                cursor.execute(sql, [*fixed, stored_to, upto])
                stored = cursor.rowcount
            batch.progress["stored_to"] = upto
            batch.progress["imported"] = batch.progress.get("imported", 0) + stored
            SettlementImport.objects.filter(pk=batch.pk).update(progress=batch.progress)
        stored_to = upto
        run.beat(upto, ImportJob.Phase.WRITING)
    return batch.progress.get("imported", 0)


def counts(batch: SettlementImport) -> tuple[int, int]:
    """(reversals stored, normal records stored and matched), from the partial indexes."""
    records = SettlementRecord.objects.filter(batch=batch)
    reversals = records.filter(kind=RecordKind.REVERSAL).count()
    matched = records.filter(member__isnull=False, kind=RecordKind.NORMAL).count()
    return reversals, matched
