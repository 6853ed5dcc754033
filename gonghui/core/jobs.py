"""Background imports: the uploaded file is stored encrypted, a task imports it through the
app's own service, and the file is deleted when the job ends.

A worker claims a job by a conditional update (never two at once) and keeps a heartbeat on
it while it checks and writes; every transaction it commits first proves the claim is still
its own, so a worker that was given up for dead commits nothing more. A job whose heartbeat
stopped (its worker was killed) is handed to another worker by the scheduler's
`resume_stale_imports`, and goes on from its last written chunk (core.rowimport)."""

import datetime
import logging
import time
import uuid
from collections.abc import Callable
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core.db import patiently, pause_for_other_writers, write_transaction
from gonghui.core.filecrypt import open_encrypted, save_encrypted
from gonghui.core.imports import ImportReport, mask_numbers
from gonghui.core.models import ImportChunk, ImportJob
from gonghui.core.tabular import FileFormatError, Limits, check_table

logger = logging.getLogger(__name__)
PREVIEW_ERRORS = 200
# The summary keys of commands.md, as a clerk reads them.
SUMMARY_LABELS = {
    "rows": gettext_lazy("Rows read"),
    "created": gettext_lazy("Added"),
    "updated": gettext_lazy("Updated"),
    "rejected": gettext_lazy("Rows refused"),
    "members_created": gettext_lazy("Members added"),
    "enrollments": gettext_lazy("Enrollments"),
    "imported": gettext_lazy("Records stored"),
    "duplicates": gettext_lazy("Already stored (ignored)"),
    "reversals": gettext_lazy("Reversals"),
    "matched": gettext_lazy("Matched to enrolled members"),
    "benefits": gettext_lazy("Benefits found"),
    "amount": gettext_lazy("Amount (yuan)"),
}
Runner = Callable[..., ImportReport]
_RUNNERS: dict[str, Runner] = {}


def register_import(kind: str, runner: Runner) -> None:
    """runner(job=..., source=..., run=...) -> ImportReport, called by the background task
    with the job's decrypted file and the worker's hold on it (JobRun)."""
    _RUNNERS[kind] = runner


def estimate_rows(upload) -> int:
    """Data rows, for the progress bar only: what the upload form's check found, or tabular's
    check now (0 when it refuses the file: the job then refuses it with the reason)."""
    rows = getattr(upload, "table_rows", None)
    if rows is None:
        try:
            rows = check_table(upload, limits=Limits.feed())
        except FileFormatError:
            rows = 0
    upload.seek(0)
    return rows


def import_job_create(*, actor, kind: str, upload, options: dict | None = None) -> ImportJob:
    if kind not in _RUNNERS:
        raise ValueError(f"unknown import kind {kind!r}")
    job = ImportJob(
        kind=kind,
        original_name=getattr(upload, "name", "upload")[:255],
        options=options or {},
        created_by=actor,
        org=actor.org,
        rows_estimate=estimate_rows(upload),
    )
    # A random name: neither the clerk's file name nor anything else about it is kept on disk.
    name = job.file.field.generate_filename(job, f"{uuid.uuid4().hex}.bin")
    job.file.name = save_encrypted(job.file.storage, name, upload)
    job.save()
    from gonghui.core.tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def summary_rows(job: ImportJob) -> list[tuple[str, str, object]]:
    return [(key, SUMMARY_LABELS.get(key, key), value) for key, value in job.summary.items()]


def job_progress(job: ImportJob) -> int:
    if job.finished:
        return job.summary.get("rows", job.rows_estimate)
    return job.rows_done


def job_percent(job: ImportJob) -> int:
    """Checking the rows fills the first half of the bar, writing them the second."""
    if job.finished:
        return 100
    if not job.rows_estimate:
        return 0
    share = min(job.rows_done / job.rows_estimate, 1)
    start = 50 if job.phase == ImportJob.Phase.WRITING else 0
    return min(99, start + int(share * 50))


# --- a worker's hold on a job --------------------------------------------------------------


class ClaimLost(Exception):
    """Another worker took the job over: this one was silent too long."""


class JobRun:
    """A worker's hold on a job (see core.rowimport.LocalRun for the same without a job)."""

    def __init__(self, job: ImportJob, token: str):
        self.job, self.token = job, token
        self.plan = job.plan
        self._beaten = time.monotonic()
        self._rows, self._phase = job.rows_done, job.phase

    def _mine(self):
        return ImportJob.objects.filter(pk=self.job.pk, claim=self.token)

    def _prove(self) -> None:
        """Renew the heartbeat, or raise ClaimLost when the job is no longer ours."""
        fields = {"heartbeat_at": timezone.now(), "rows_done": self._rows, "phase": self._phase}
        if not self._mine().update(**fields):
            raise ClaimLost(self.job.pk)
        self._beaten = time.monotonic()

    def due(self) -> bool:
        return time.monotonic() - self._beaten >= settings.IMPORT_HEARTBEAT_SECONDS

    def beat(self, rows: int, phase: str) -> None:
        """Progress: shown on the job's page, and the heartbeat, at most every few seconds."""
        self._rows, self._phase = rows, phase
        if self.due():
            patiently(self._prove)

    @contextmanager
    def transaction(self):
        """A write transaction that commits only if the job is still ours."""
        with write_transaction():
            self._prove()
            yield
        pause_for_other_writers()

    def validated(self, report: ImportReport, refused: list[int], state: dict) -> None:
        """The file passed its check: keep what it found, so a resumed run only writes."""
        self.plan = {"summary": dict(report.summary), "refused": refused, "state": state}
        with self.transaction():
            _record_errors(self.job, report)
            self.job.plan = self.plan
            self.job.save(
                update_fields=["plan", "error_count", "errors_preview", "warnings", "error_report"]
            )
        report.recorded = True

    def written(self) -> list[tuple[int, int, dict]]:
        chunks = ImportChunk.objects.filter(job=self.job).order_by("first_row")
        return list(chunks.values_list("first_row", "last_row", "counts"))

    def checkpoint(self, first_row: int, last_row: int, counts: dict) -> None:
        ImportChunk.objects.create(
            job=self.job, first_row=first_row, last_row=last_row, counts=counts
        )


def _stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=settings.IMPORT_STALE_SECONDS)


def _silent() -> Q:
    """Running jobs whose worker has shown no sign of life for too long: it died."""
    return Q(status=ImportJob.Status.RUNNING) & (
        Q(heartbeat_at__lt=_stale_before()) | Q(heartbeat_at__isnull=True)
    )


def _claim(job_id: int) -> JobRun | None:
    """Take the job if it waits or its worker died (a conditional update: one taker only)."""
    token, now = get_random_string(32), timezone.now()
    hold = {"claim": token, "heartbeat_at": now, "attempts": F("attempts") + 1}
    jobs = ImportJob.objects.filter(pk=job_id)
    taken = patiently(
        jobs.filter(status=ImportJob.Status.QUEUED).update,
        status=ImportJob.Status.RUNNING,
        started_at=now,
        **hold,
    ) or patiently(
        # Released by the sweep (resume_stale_imports), or silent too long.
        jobs.filter(Q(status=ImportJob.Status.RUNNING, claim="") | _silent()).update,
        resumed_at=now,
        **hold,
    )
    if not taken:
        return None
    return JobRun(ImportJob.objects.get(pk=job_id), token)


# --- running a job -------------------------------------------------------------------------


def import_job_run(job_id: int) -> ImportJob:
    run = _claim(job_id)
    if run is None:  # done, or another worker has it
        return ImportJob.objects.get(pk=job_id)
    job = run.job
    try:
        with open_encrypted(job.file.storage, job.file.name) as source:
            report = _RUNNERS[job.kind](job=job, source=source, run=run)
    except ClaimLost:
        logger.warning("import job %s was taken over by another worker", job.pk)
        return ImportJob.objects.get(pk=job_id)
    except Exception:
        logger.exception("import job %s failed", job.pk)
        report = ImportReport(
            summary=job.summary,
            failed=True,
            file_error=_(
                "The import stopped on an unexpected error. Please tell the system administrator."
            )
            + " "
            + _written_so_far(job),
        )
    return _finish(run, report)


def _written_so_far(job: ImportJob) -> str:
    last = ImportChunk.objects.filter(job=job).order_by("-last_row").first()
    if last is None:
        return _("Nothing was written.")
    return _("The rows up to row %(row)d were written; the rows after it were not.") % {
        "row": last.last_row
    }


def _record_errors(job: ImportJob, report: ImportReport) -> None:
    """The refused rows as staff see them: numbers and reasons, ID numbers masked."""
    job.error_count = len(report.errors)
    job.errors_preview = [(n, mask_numbers(m)) for n, m in report.errors[:PREVIEW_ERRORS]]
    job.warnings = [(n, mask_numbers(m)) for n, m in report.warnings[:PREVIEW_ERRORS]]
    if report.errors or report.file_error:
        content = ContentFile(report.errors_csv().encode("utf-8"))
        job.error_report.save(f"errors-{job.pk}.csv", content, save=False)


def _finish(run: JobRun, report: ImportReport) -> ImportJob:
    job = run.job
    if report.failed:
        job.status = ImportJob.Status.FAILED
    elif report.applied:
        job.status = ImportJob.Status.APPLIED
    else:
        job.status = ImportJob.Status.REFUSED
    job.summary = report.summary
    job.file_error = mask_numbers(report.file_error)
    job.finished_at = timezone.now()
    job.phase, job.claim = "", ""
    fields = ["status", "summary", "file_error", "finished_at", "phase", "claim"]
    try:
        with run.transaction():
            if not report.recorded:
                _record_errors(job, report)
                fields += ["error_count", "errors_preview", "warnings", "error_report"]
            job.save(update_fields=fields)
    except ClaimLost:
        logger.warning("import job %s was taken over by another worker", job.pk)
        return ImportJob.objects.get(pk=job.pk)
    _delete_upload(job)
    return job


def _delete_upload(job: ImportJob) -> None:
    """The uploaded file is not kept once its job has ended."""
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


# --- jobs whose worker died ----------------------------------------------------------------


def import_jobs_resume_stale() -> list[int]:
    """Hand every job whose worker died to the task queue again (at most once a stale
    period each); delete uploads a finished job left behind. Returns the jobs handed over."""
    from gonghui.core.tasks import run_import_job

    handed = []
    for pk, heartbeat in ImportJob.objects.filter(_silent()).values_list("pk", "heartbeat_at"):
        # Released with a fresh heartbeat: the next claim takes it, the next sweep waits.
        released = patiently(
            ImportJob.objects.filter(pk=pk, heartbeat_at=heartbeat).update,
            claim="",
            heartbeat_at=timezone.now(),
        )
        if released:
            run_import_job.enqueue(pk)
            handed.append(pk)
    finished = ImportJob.objects.exclude(
        status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]
    ).exclude(file="")
    for job in finished:
        _delete_upload(job)
    return handed
