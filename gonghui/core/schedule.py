"""Scheduled work. One scheduler process (`manage.py run_schedule`, started by `make run`
beside the task worker) enqueues each job when it is due, through the Tasks API; a worker
runs it. Adding a job is one line above its task, in any app's tasks.py:

    @every(minutes=1)
    @task()
    def resume_stale_imports(): ...

Each run is a ScheduledRun row, unique per (job, period) and written in the same transaction
as the enqueue (with the database task backend), so a job runs once a period however many
schedulers are running. Periods are counted from the Unix epoch: a job `every(hours=1)` is
due at the start of each hour, `every(days=1)` at midnight UTC (08:00 in Asia/Shanghai).
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from gonghui.core.db import write_transaction
from gonghui.core.models import ScheduledRun

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Entry:
    task: object  # a django_tasks Task
    every: datetime.timedelta


REGISTRY: dict[str, Entry] = {}


def every(*, minutes: int = 0, hours: int = 0, days: int = 0):
    """Register the task below it to run once every so long."""
    period = datetime.timedelta(minutes=minutes, hours=hours, days=days)
    if period < datetime.timedelta(minutes=1):
        raise ValueError("a scheduled job runs at most once a minute")

    def register(task):
        REGISTRY[task.module_path] = Entry(task=task, every=period)
        return task

    return register


def load() -> dict[str, Entry]:
    """Every app's tasks.py, imported so that their jobs are registered."""
    autodiscover_modules("tasks")
    return REGISTRY


def period_of(now: datetime.datetime, every: datetime.timedelta) -> datetime.datetime:
    return EPOCH + (now - EPOCH) // every * every


def run_due(now: datetime.datetime | None = None) -> list[str]:
    """Enqueue each job not yet run in its current period; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, entry in sorted(load().items()):
        period = period_of(now, entry.every)
        if ScheduledRun.objects.filter(name=name, period=period).exists():
            continue
        try:
            with write_transaction():
                ScheduledRun.objects.create(name=name, period=period)
                entry.task.enqueue()
        except IntegrityError:
            continue  # another scheduler took this period first
        enqueued.append(name)
    return enqueued
