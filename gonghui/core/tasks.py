"""Background work of the core: import jobs, and the scheduled jobs that keep them going."""

import datetime

from django.utils import timezone
from django_tasks import task

from gonghui.core.jobs import import_job_run, import_jobs_resume_stale
from gonghui.core.models import ScheduledRun
from gonghui.core.schedule import every


@task()
def run_import_job(job_id: int) -> str:
    return import_job_run(job_id).status


@every(minutes=1)
@task()
def resume_stale_imports() -> list[int]:
    """Imports whose worker died go to another worker, which resumes them."""
    return import_jobs_resume_stale()


@every(days=1)
@task()
def prune_scheduled_runs() -> int:
    """The scheduler's record of runs is kept for a week."""
    cutoff = timezone.now() - datetime.timedelta(days=7)
    deleted, _by_model = ScheduledRun.objects.filter(period__lt=cutoff).delete()
    return deleted
