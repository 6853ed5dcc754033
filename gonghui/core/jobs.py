"""Background imports: a file is stored, a task imports it through the app's own service,
progress is kept in the cache (a file cache by default, shared by web and worker processes)
because the import's own transaction hides its rows until it ends."""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core.imports import ImportReport
from gonghui.core.models import ImportJob
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
    """runner(job=..., progress=...) -> ImportReport; called by the background task."""
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
    job = ImportJob.objects.create(
        kind=kind,
        file=upload,
        original_name=getattr(upload, "name", "upload")[:255],
        options=options or {},
        created_by=actor,
        org=actor.org,
        rows_estimate=estimate_rows(upload),
    )
    from gonghui.core.tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def progress_key(job_id: int) -> str:
    return f"import-job:{job_id}:rows"


def summary_rows(job: ImportJob) -> list[tuple[str, str, object]]:
    return [(key, SUMMARY_LABELS.get(key, key), value) for key, value in job.summary.items()]


def job_progress(job: ImportJob) -> int:
    if job.finished:
        return job.summary.get("rows", job.rows_estimate)
    return cache.get(progress_key(job.pk), 0)


def import_job_run(job_id: int) -> ImportJob:
    job = ImportJob.objects.get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)

    def progress(rows_done: int) -> None:
        cache.set(progress_key(job.pk), rows_done, timeout=24 * 3600)

    crashed = False
    try:
        with job.file.open("rb") as source:
            report = _RUNNERS[job.kind](job=job, source=source, progress=progress)
    except Exception:
        logger.exception("import job %s failed", job.pk)
        crashed = True
        report = ImportReport(
            file_error=_(
                "The import stopped on an unexpected error; nothing was imported. "
                "Please tell the system administrator."
            )
        )
    job.summary = report.summary
    job.file_error = report.file_error
    job.error_count = len(report.errors)
    job.errors_preview = report.errors[:PREVIEW_ERRORS]
    job.warnings = report.warnings[:PREVIEW_ERRORS]
    if report.errors or report.file_error:
        job.error_report.save(
            f"errors-{job.pk}.csv", ContentFile(report.errors_csv().encode("utf-8")), save=False
        )
    if crashed:
        job.status = ImportJob.Status.FAILED
    elif report.applied:
        job.status = ImportJob.Status.APPLIED
    else:
        job.status = ImportJob.Status.REFUSED
    job.finished_at = timezone.now()
    job.save()
    cache.delete(progress_key(job.pk))
    return job
