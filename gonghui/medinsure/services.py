"""Writes of the medical-insurance link: importing the bureau's feed (a file from the screen or
`import_settlements`, or records pushed to the API, all through settlements_apply), telling
members, their confirmations, reminders, expiry, recoveries, and the link's configuration.

How a feed is applied, as one transaction (commands.md, `import_settlements`):

1. Stream: rows are read one at a time and validated (rows.py); bad rows go to the report
   and the rest are applied. Valid rows are taken a chunk at a time: serial numbers already
   stored (earlier in this file or in an earlier one) are duplicates; the others are matched
   to an enrolled member by the keyed hash of the ID number (one query a chunk) and written
   in one go (COPY on PostgreSQL). Memory does not grow with the file.
2. Reversals: notices of settlements this feed reverses are cancelled, or, if the member had
   already confirmed (the benefit went to payment), cancelled with a recovery (追回) opened.
3. Compute, set-based over what was stored: the feed's matched records, a few thousand
   members at a time, each member's records in order of discharge date then serial number so
   that caps fill up as the stays happened whatever the order of the file, starting from what
   the member was already granted in the period (selectors.amounts_paid_before). Each record
   that is owed something gets a BenefitNotice with the engine's lines and trace.
4. After commit, the new notices are sent by SMS in the background (tasks.py).
"""

import bisect
import json
import logging
import secrets
from collections import defaultdict
from decimal import Decimal
from hashlib import sha256
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts import roles
from gonghui.core.imports import ImportReport, RowError
from gonghui.core.money import fmt_yuan
from gonghui.core.tabular import FileFormatError, open_table
from gonghui.medinsure import access, handoff
from gonghui.medinsure.bulk import db_value, insert_rows
from gonghui.medinsure.models import (
    FIELD_HEADERS,
    NOTICE_TRANSITIONS,
    RECOVERY_TRANSITIONS,
    REQUIRED_FIELDS,
    BenefitNotice,
    BureauApiKey,
    CancerHint,
    Category,
    ColumnMapping,
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
from gonghui.medinsure.selectors import amounts_paid_before, column_mapping_for
from gonghui.mutual_aid import quotes
from gonghui.mutual_aid.models import Enrollment, EnrollmentStatus, Period, Plan
from gonghui.mutual_aid.rules import Before, Event
from gonghui.mutual_aid.rules import Period as EnginePeriod
from gonghui.mutual_aid.selectors import parameters_for
from gonghui.mutual_aid.services import parameters_freeze
from gonghui.notify.services import sms_send
from gonghui.orgs.models import Member, Organisation, OrgKind
from gonghui.orgs.services import member_bank_card_confirm

logger = logging.getLogger(__name__)

CHUNK_ROWS = 5000  # rows validated, deduplicated, matched and written together
CHUNK_MEMBERS = 2000  # members computed together
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
RECORD_COLUMNS = [
    "federation_id",
    "batch_id",
    "row_number",
    "serial",
    "kind",
    "original_serial",
    "id_number",
    "id_hash",
    "name",
    "category",
    "hospital",
    "hospital_level",
    "place",
    "admission",
    "discharge",
    "diagnosis",
    "cancer_hint",
    "total_cost",
    "fund_paid",
    "personal_paid",
    "self_responsibility",
    "self_care",
    "self_paid",
    "settled_on",
    "member_id",
    "period_id",
    "created_at",
]
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
]
ZERO = Decimal("0")


class _Aborted(Exception):
    """Leaves the import's transaction when the file turns out unreadable half-way."""


# --- configuration -------------------------------------------------------------------------


def _check_federation_admin(actor, federation: Organisation) -> None:
    if actor is None:
        return
    if not access.can_configure(actor, federation):
        raise PermissionDenied(
            _("Only the administrators of %(federation)s may configure its data link.")
            % {"federation": federation.name}
        )


@transaction.atomic
def column_mapping_save(*, actor, federation: Organisation, mapping: dict[str, str]) -> dict:
    """The bureau's header for each of our fields; a header equal to the spec's default is
    not stored. Two fields cannot read the same column, and required fields need one."""
    _check_federation_admin(actor, federation)
    cleaned = {}
    for name, default in FIELD_HEADERS.items():
        header = (mapping.get(name) or "").strip()
        if not header and name in REQUIRED_FIELDS:
            raise ValidationError(
                _("%(field)s needs a column.") % {"field": name}, code="mapping_required"
            )
        cleaned[name] = header or default
    seen: dict[str, str] = {}
    for name, header in cleaned.items():
        if header in seen:
            raise ValidationError(
                _("The column “%(header)s” is given to two fields.") % {"header": header},
                code="mapping_twice",
            )
        seen[header] = name
    ColumnMapping.objects.filter(federation=federation).delete()
    ColumnMapping.objects.bulk_create(
        ColumnMapping(federation=federation, field=name, header=header, updated_by=actor)
        for name, header in cleaned.items()
        if header != FIELD_HEADERS[name]
    )
    return cleaned


def api_key_create(*, actor, federation: Organisation, name: str) -> tuple[BureauApiKey, str]:
    """A new key for the bureau's system; the key itself is returned once and never kept."""
    _check_federation_admin(actor, federation)
    name = name.strip()
    if not name:
        raise ValidationError(_("Give the key a name (e.g. the bureau's system)."))
    prefix = secrets.token_hex(4)
    key = f"mi_{prefix}_{secrets.token_urlsafe(32)}"
    api_key = BureauApiKey.objects.create(
        federation=federation,
        name=name[:64],
        prefix=prefix,
        key_hash=api_key_hash(key),
        created_by=actor,
    )
    return api_key, key


def api_key_hash(key: str) -> str:
    return sha256(key.encode()).hexdigest()


def api_key_revoke(*, actor, api_key: BureauApiKey) -> BureauApiKey:
    _check_federation_admin(actor, api_key.federation)
    BureauApiKey.objects.filter(pk=api_key.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    api_key.refresh_from_db()
    return api_key


# --- applying a feed -----------------------------------------------------------------------


def _empty_summary() -> dict:
    return {key: 0 for key in SUMMARY_KEYS} | {"amount": "0.00"}


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
        names, rows = open_table(source, [mapping[name] for name in REQUIRED_FIELDS])
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


class _Feed:
    """What applying one feed needs to know once: the federation's periods (their bounds,
    parameters and plans), and the writer's fixed values."""

    def __init__(self, federation: Organisation, batch: SettlementImport, now):
        self.federation = federation
        self.batch = batch
        self.now = now
        self.created_at = db_value(SettlementRecord, "created_at", now)
        self.periods = list(Period.objects.filter(scheme__federation=federation).order_by("start"))
        self.period_starts = [period.start for period in self.periods]
        self._computing: dict[int, tuple] = {}

    def period_containing(self, day) -> Period | None:
        index = bisect.bisect_right(self.period_starts, day) - 1
        if index >= 0 and day <= self.periods[index].end:
            return self.periods[index]
        return None

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
            now = timezone.now()
            batch = SettlementImport.objects.create(federation=federation, **batch_fields)
            feed = _Feed(federation, batch, now)
            chunk: list[SettlementRow] = []
            try:
                for number, cells in rows:
                    summary["rows"] += 1
                    try:
                        chunk.append(read(number, cells))
                    except RowError as exc:
                        report.refuse(number, str(exc))
                    if len(chunk) >= CHUNK_ROWS:
                        _store(feed, chunk, summary)
                        chunk = []
                        if progress:
                            progress(summary["rows"])
            except UnicodeDecodeError as exc:
                report.file_error = _(
                    "The file's text encoding changes half-way (row %(row)d); save it again "
                    "as UTF-8 or GBK."
                ) % {"row": summary["rows"] + 1}
                raise _Aborted from exc
            if chunk:
                _store(feed, chunk, summary)
            if progress:
                progress(summary["rows"])
            summary["rejected"] = len(report.errors)
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


def _store(feed: _Feed, chunk: list[SettlementRow], summary: dict) -> None:
    """Deduplicate, match and write one chunk of valid rows."""
    fresh: dict[str, SettlementRow] = {}
    for row in chunk:
        if row.serial in fresh:
            summary["duplicates"] += 1
        else:
            fresh[row.serial] = row
    stored = set(
        SettlementRecord.objects.filter(
            federation=feed.federation, serial__in=list(fresh)
        ).values_list("serial", flat=True)
    )
    summary["duplicates"] += len(stored)
    rows = [row for serial, row in fresh.items() if serial not in stored]
    if not rows:
        return
    enrolled = _enrolled(feed, {row.id_hash for row in rows})
    federation_id, batch_id, created_at = feed.federation.pk, feed.batch.pk, feed.created_at
    values = []
    for row in rows:
        period = feed.period_containing(row.discharge)
        member_id = enrolled.get((row.id_hash, period.pk)) if period is not None else None
        period_id = period.pk if member_id is not None else None
        if row.kind == RecordKind.REVERSAL:
            summary["reversals"] += 1
        elif member_id is not None:
            summary["matched"] += 1
        values.append(
            (
                federation_id,
                batch_id,
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
                member_id,
                period_id,
                created_at,
            )
        )
    summary["imported"] += insert_rows(SettlementRecord, RECORD_COLUMNS, values)


def _enrolled(feed: _Feed, hashes: set[str]) -> dict[tuple[str, int], int]:
    """(id hash, period) → member, for people with an effective enrollment (any plan) in one
    of the federation's periods. One query for the whole chunk."""
    if not feed.periods or not hashes:
        return {}
    rows = (
        Enrollment.objects.filter(
            period__in=feed.periods,
            status=EnrollmentStatus.EFFECTIVE,
            member__id_hash__in=list(hashes),
        )
        .values_list("member__id_hash", "period_id", "member_id")
        .distinct()
    )
    return {(id_hash, period_id): member_id for id_hash, period_id, member_id in rows}


# --- reversals -----------------------------------------------------------------------------


def _cancel_reversed(feed: _Feed) -> None:
    """Notices of the settlements this feed reverses: a pending one is cancelled; a confirmed
    one (handed over to payment) is cancelled and a recovery opened for staff."""
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
        notices = list(
            BenefitNotice.objects.filter(
                record__federation=feed.federation,
                record__serial__in=list(reversal_of),
                status__in=(NoticeStatus.PENDING, NoticeStatus.CONFIRMED),
            ).values_list("id", "status", "member_id", "total", "record__serial")
        )
        events, recoveries = [], []
        for status in (NoticeStatus.PENDING, NoticeStatus.CONFIRMED):
            ids = [notice_id for notice_id, old, *_rest in notices if old == status]
            if not ids:
                continue
            notice_check_transition(status, NoticeStatus.CANCELLED)
            BenefitNotice.objects.filter(id__in=ids, status=status).update(
                status=NoticeStatus.CANCELLED, closed_at=feed.now
            )
        for notice_id, old, member_id, total, serial in notices:
            note = _("Settlement %(serial)s was reversed by the bureau.") % {"serial": serial}
            if old == NoticeStatus.CONFIRMED:
                note += " " + _("A recovery has been opened.")
                recoveries.append(
                    Recovery(
                        notice_id=notice_id,
                        reversal_id=reversal_of[serial],
                        member_id=member_id,
                        amount=total,
                        opened_at=feed.now,
                    )
                )
            events.append(
                NoticeEvent(
                    notice_id=notice_id,
                    old_status=old,
                    new_status=NoticeStatus.CANCELLED,
                    at=feed.now,
                    note=note[:255],
                )
            )
        NoticeEvent.objects.bulk_create(events)
        Recovery.objects.bulk_create(recoveries)


# --- computing -----------------------------------------------------------------------------


class _Record(NamedTuple):
    id: int
    member_id: int
    period_id: int
    serial: str
    category: str
    admission: object
    discharge: object
    place: str
    self_responsibility: Decimal
    cancer_hint: str


_RECORD_FIELDS = list(_Record._fields)
# Only 住院 feeds INPATIENT and 生育 feeds MATERNITY (medical-insurance-feed.md). The engine
# refuses a special outpatient visit for INPATIENT (NOT_COVERED_CATEGORY) and no plan covers
# an ordinary outpatient visit, so those records are matched but never computed.
_COMPUTED = (Category.INPATIENT, Category.MATERNITY)


def _compute(feed: _Feed) -> tuple[int, Decimal, int]:
    """Notices for the feed's matched records, member by member; returns how many notices
    with an amount were made, their sum, and how many notices were made in all."""
    matched = SettlementRecord.objects.filter(
        batch=feed.batch,
        kind=RecordKind.NORMAL,
        member__isnull=False,
        category__in=_COMPUTED,
    )
    benefits, amount, made_all = 0, ZERO, 0
    last_member = 0
    while True:
        member_ids = list(
            matched.filter(member_id__gt=last_member)
            .order_by("member_id")
            .values_list("member_id", flat=True)
            .distinct()[:CHUNK_MEMBERS]
        )
        if not member_ids:
            return benefits, amount, made_all
        records = [
            _Record(*values)
            for values in matched.filter(member_id__gt=last_member, member_id__lte=member_ids[-1])
            .order_by("member_id", "discharge", "serial")
            .values_list(*_RECORD_FIELDS)
        ]
        last_member = member_ids[-1]
        made, made_amount, made_count = _compute_members(feed, member_ids, records)
        benefits += made
        amount += made_amount
        made_all += made_count


def _compute_members(feed: _Feed, member_ids: list[int], records: list[_Record]):
    reversed_serials = set(
        SettlementRecord.objects.filter(
            federation=feed.federation,
            kind=RecordKind.REVERSAL,
            original_serial__in=[record.serial for record in records],
        ).values_list("original_serial", flat=True)
    )
    period_ids = {record.period_id for record in records}
    facts = {
        member_id: {
            "gender": gender,
            "basic_medical_insurance": basic,
            "maternity_insurance": maternity,
        }
        for member_id, gender, basic, maternity in Member.objects.filter(
            id__in=member_ids
        ).values_list("id", "gender", "basic_medical_insurance", "maternity_insurance")
    }
    groups: dict[tuple[int, int], dict] = defaultdict(lambda: defaultdict(set))
    for member_id, period_id, plan, enrolled_on, renewal in Enrollment.objects.filter(
        member_id__in=member_ids, period_id__in=period_ids, status=EnrollmentStatus.EFFECTIVE
    ).values_list("member_id", "period_id", "plan", "enrolled_on", "renewal"):
        groups[(member_id, period_id)][(enrolled_on, renewal)].add(plan)
    before = amounts_paid_before(member_ids, period_ids, exclude_batch_id=feed.batch.pk)
    notices = []
    made, made_amount = 0, ZERO
    created_at = db_value(BenefitNotice, "created_at", feed.now)
    for record in records:
        if record.serial in reversed_serials:
            continue
        key = (record.member_id, record.period_id)
        period, parameter_set, parameters, engine_period = feed.computing(record.period_id)
        member_groups = groups.get(key, {})
        if record.category == Category.INPATIENT:
            event = Event(
                type="inpatient",
                admission=record.admission,
                discharge=record.discharge,
                place=record.place,
                self_responsibility=record.self_responsibility,
            )
        else:
            event = Event(type="birth", date=record.discharge)
        so_far = before.get(key) or Before()
        # The claim deadline does not apply to records the bureau sends (commands.md): the
        # record is computed as if filed on its event date, which lies within the period.
        results = quotes.results_for_groups(
            parameters=parameters,
            period=engine_period,
            facts=facts[record.member_id],
            groups=member_groups,
            event=event,
            filed_on=record.discharge,
            before=so_far,
        )
        quote = quotes.quote_from_results(period, results, parameter_set.label)
        plans = set().union(*member_groups.values()) if member_groups else set()
        kind = NoticeKind.BENEFIT
        if record.category == Category.INPATIENT and _asks_pathology(
            record.cancer_hint, facts[record.member_id]["gender"], plans
        ):
            kind = NoticeKind.NEEDS_PATHOLOGY_REPORT
        if quote.total <= 0 and kind == NoticeKind.BENEFIT:
            continue
        lines = {line.code: line.amount for line in quote.lines}
        subsidy = lines.get("INPATIENT.subsidy", ZERO)
        days = _allowance_days(results) if "INPATIENT.allowance" in lines else 0
        before[key] = Before(
            inpatient_subsidy=so_far.inpatient_subsidy + subsidy,
            inpatient_allowance_days=so_far.inpatient_allowance_days + days,
            critical_paid=so_far.critical_paid,
            female_paid=so_far.female_paid,
        )
        notices.append(
            (
                record.id,
                feed.batch.pk,
                record.member_id,
                record.period_id,
                kind,
                NoticeStatus.PENDING,
                quote.total,
                subsidy,
                days,
                json.dumps({code: str(value) for code, value in lines.items()}),
                json.dumps({item.plan: item.reason for item in quote.refused}),
                json.dumps(_trace(results, quote.total), ensure_ascii=False),
                parameter_set.pk,
                parameter_set.label,
                record.discharge,
                created_at,
                "",
            )
        )
        if quote.total > 0:
            made += 1
            made_amount += quote.total
    insert_rows(BenefitNotice, NOTICE_COLUMNS, notices)
    return made, made_amount, len(notices)


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


# --- the member's answer -------------------------------------------------------------------


def notice_check_transition(old: str, new: str) -> None:
    """The one check of the notice workflow; raises on a move the table does not allow."""
    if new not in NOTICE_TRANSITIONS.get(old, frozenset()):
        raise ValidationError(
            _("A notice cannot go from “%(old)s” to “%(new)s”.")
            % {"old": NoticeStatus(old).label, "new": NoticeStatus(new).label},
            code="bad_transition",
        )


@transaction.atomic
def benefit_notice_confirm(
    *, actor, notice: BenefitNotice, bank_card: str = "", bank_name: str = ""
) -> BenefitNotice:
    """The member confirms the bank card on file (or corrects it) and so claims the benefit:
    nothing to upload for INPATIENT and MATERNITY. The notice becomes confirmed and the
    claims hand-off is called (handoff.on_notice_confirmed)."""
    member = Member.objects.get(pk=notice.member_id)
    if not roles.is_member(actor) or member.user_id != actor.pk:
        raise PermissionDenied(_("Only the member may confirm their own benefit."))
    notice_check_transition(notice.status, NoticeStatus.CONFIRMED)
    note = ""
    if bank_card.strip():
        before = member.bank_card_masked
        member = member_bank_card_confirm(
            actor=actor, member=member, bank_card=bank_card, bank_name=bank_name
        )
        if member.bank_card_masked != before:
            note = _("Bank card corrected by the member: %(card)s.") % {
                "card": member.bank_card_masked
            }
    if not member.bank_card:
        raise ValidationError(
            _("There is no bank card on file; please enter the card the money should go to."),
            code="no_card",
        )
    now = timezone.now()
    moved = BenefitNotice.objects.filter(pk=notice.pk, status=NoticeStatus.PENDING).update(
        status=NoticeStatus.CONFIRMED,
        confirmed_at=now,
        confirmed_by=actor,
        bank_card_masked=member.bank_card_masked,
    )
    if not moved:
        raise ValidationError(_("This benefit is no longer waiting for you."), code="stale")
    NoticeEvent.objects.create(
        notice=notice,
        old_status=NoticeStatus.PENDING,
        new_status=NoticeStatus.CONFIRMED,
        actor=actor,
        at=now,
        note=note[:255],
    )
    notice.refresh_from_db()
    handoff.on_notice_confirmed(notice)
    return notice


# --- telling and reminding -----------------------------------------------------------------


def notice_sms_text(notice: BenefitNotice, *, reminder: bool = False) -> str:
    amount = fmt_yuan(notice.total)
    if reminder:
        return _(
            "[Gonghui] Reminder: your workers' medical mutual-aid benefit of about %(amount)s "
            "yuan is still waiting. Sign in to the member pages, open “Benefits to collect” "
            "and confirm your bank card."
        ) % {"amount": amount}
    if notice.kind == NoticeKind.NEEDS_PATHOLOGY_REPORT:
        return _(
            "[Gonghui] You have a workers' medical mutual-aid benefit to collect, about "
            "%(amount)s yuan. Your diagnosis may also qualify for the critical illness or "
            "female special disease benefit: a pathology report is needed. Sign in to the "
            "member pages and open “Benefits to collect”."
        ) % {"amount": amount}
    return _(
        "[Gonghui] You have a workers' medical mutual-aid benefit to collect, about %(amount)s "
        "yuan. Sign in to the member pages, open “Benefits to collect” and confirm your bank "
        "card; nothing to upload."
    ) % {"amount": amount}


def benefit_notices_notify(*, batch_id: int | None = None, limit: int | None = None) -> int:
    """One SMS per pending notice not yet sent (never twice: `notified_at` is set by a
    conditional update before the SMS is written). Returns how many were sent."""
    notices = BenefitNotice.objects.filter(
        status=NoticeStatus.PENDING, notified_at__isnull=True
    ).exclude(member__mobile="")
    if batch_id is not None:
        notices = notices.filter(batch_id=batch_id)
    sent = 0
    ids = list(
        notices.order_by("id").values_list("id", flat=True)[:limit]
        if limit
        else notices.values_list("id", flat=True)
    )
    for notice in BenefitNotice.objects.filter(id__in=ids).select_related("member"):
        if _send_once(notice, "notified_at", kind="benefit_notice", text=notice_sms_text(notice)):
            sent += 1
    return sent


def benefit_notices_remind(*, days: int, now=None) -> int:
    """One reminder SMS for each notice pending longer than `days` days, never twice
    (`reminded_at` set by a conditional update). Returns how many were sent."""
    if days < 0:
        raise ValidationError(_("The number of days cannot be negative."))
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=days)
    candidates = (
        BenefitNotice.objects.filter(
            status=NoticeStatus.PENDING, reminded_at__isnull=True, created_at__lte=cutoff
        )
        .exclude(member__mobile="")
        .select_related("member")
        .order_by("id")
    )
    sent = 0
    for notice in candidates.iterator(chunk_size=1000):
        if _send_once(
            notice,
            "reminded_at",
            kind="benefit_reminder",
            text=notice_sms_text(notice, reminder=True),
            now=now,
        ):
            sent += 1
    return sent


def _send_once(notice: BenefitNotice, stamp: str, *, kind: str, text: str, now=None) -> bool:
    with transaction.atomic():
        claimed = BenefitNotice.objects.filter(
            pk=notice.pk, status=NoticeStatus.PENDING, **{f"{stamp}__isnull": True}
        ).update(**{stamp: now or timezone.now()})
        if not claimed:
            return False
        sms_send(mobile=notice.member.mobile, text=text, kind=kind, member=notice.member)
    return True


def benefit_notices_expire(*, after_days: int, now=None) -> int:
    """Notices still pending `after_days` days after they were found expire."""
    now = now or timezone.now()
    cutoff = now - timezone.timedelta(days=after_days)
    notice_check_transition(NoticeStatus.PENDING, NoticeStatus.EXPIRED)
    expired = 0
    stale = BenefitNotice.objects.filter(status=NoticeStatus.PENDING, created_at__lte=cutoff)
    while True:
        ids = list(stale.order_by("id").values_list("id", flat=True)[:CHUNK_ROWS])
        if not ids:
            return expired
        with transaction.atomic():
            moved = list(
                BenefitNotice.objects.filter(id__in=ids, status=NoticeStatus.PENDING).values_list(
                    "id", flat=True
                )
            )
            BenefitNotice.objects.filter(id__in=moved, status=NoticeStatus.PENDING).update(
                status=NoticeStatus.EXPIRED, closed_at=now
            )
            NoticeEvent.objects.bulk_create(
                NoticeEvent(
                    notice_id=notice_id,
                    old_status=NoticeStatus.PENDING,
                    new_status=NoticeStatus.EXPIRED,
                    at=now,
                    note=_("Not confirmed within %(days)d days.") % {"days": after_days},
                )
                for notice_id in moved
            )
        expired += len(moved)


# --- recoveries ----------------------------------------------------------------------------


@transaction.atomic
def recovery_close(*, actor, recovery: Recovery, to: str, note: str = "") -> Recovery:
    """Staff record that the money came back, or that it is waived (with a reason)."""
    if not access.can_close_recoveries(actor):
        raise PermissionDenied(_("Your role may not close recoveries."))
    if to not in RECOVERY_TRANSITIONS.get(recovery.status, frozenset()):
        raise ValidationError(
            _("A recovery cannot go from “%(old)s” to “%(new)s”.")
            % {
                "old": RecoveryStatus(recovery.status).label,
                "new": RecoveryStatus(to).label if to in RecoveryStatus.values else to,
            }
        )
    note = note.strip()
    if to == RecoveryStatus.WAIVED and not note:
        raise ValidationError(_("Say why the recovery is waived."))
    moved = Recovery.objects.filter(pk=recovery.pk, status=recovery.status).update(
        status=to, closed_at=timezone.now(), closed_by=actor, note=note[:255]
    )
    if not moved:
        raise ValidationError(_("Someone else changed this recovery meanwhile; please reload."))
    recovery.refresh_from_db()
    return recovery
