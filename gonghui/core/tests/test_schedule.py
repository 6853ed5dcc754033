"""The scheduler (run_schedule): each registered job is enqueued once a period, however many
schedulers run; resuming stale imports is due every minute."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.db.models import QuerySet
from django.utils import timezone

from gonghui.core import schedule
from gonghui.core.models import ScheduledRun


class FakeTask:
    module_path = "tests.fake_job"

    def __init__(self):
        self.enqueued = 0

    def enqueue(self):
        self.enqueued += 1


def at(hour, minute, second=0):
    return timezone.make_aware(datetime.datetime(2026, 12, 5, hour, minute, second))


@pytest.fixture
def fake(monkeypatch):
    schedule.load()  # the apps' jobs registered before the registry is swapped
    task = FakeTask()
    entry = schedule.Entry(task=task, every=datetime.timedelta(minutes=1))
    monkeypatch.setattr(schedule, "REGISTRY", {task.module_path: entry})
    return task


def test_the_registered_jobs():
    entries = schedule.load()
    assert entries["gonghui.core.tasks.resume_stale_imports"].every == datetime.timedelta(minutes=1)
    assert entries["gonghui.medinsure.tasks.sweep_upload_previews"].every == datetime.timedelta(
        hours=1
    )
    assert entries["gonghui.core.tasks.prune_scheduled_runs"].every == datetime.timedelta(days=1)


@pytest.mark.django_db
def test_a_job_runs_once_a_period(fake):
    assert schedule.run_due(at(9, 0, 30)) == [fake.module_path]
    assert schedule.run_due(at(9, 0, 59)) == []
    assert schedule.run_due(at(9, 1, 2)) == [fake.module_path]
    assert fake.enqueued == 2
    periods = ScheduledRun.objects.order_by("period").values_list("period", flat=True)
    assert list(periods) == [at(9, 0), at(9, 1)]


@pytest.mark.django_db
def test_a_second_scheduler_in_the_same_period_enqueues_nothing(fake, monkeypatch):
    ScheduledRun.objects.create(name=fake.module_path, period=at(9, 0))
    # It read that the period was free just before the first scheduler took it.
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)
    assert schedule.run_due(at(9, 0, 40)) == []
    assert fake.enqueued == 0
    with pytest.raises(IntegrityError):
        ScheduledRun.objects.create(name=fake.module_path, period=at(9, 0))


def test_periods_count_from_the_epoch():
    hour = datetime.timedelta(hours=1)
    assert schedule.period_of(at(9, 59, 59), hour) == at(9, 0)
    assert schedule.period_of(at(9, 0), datetime.timedelta(minutes=1)) == at(9, 0)


@pytest.mark.django_db
def test_run_schedule_once_enqueues_what_is_due():
    call_command("run_schedule", "--once", verbosity=0)
    names = set(ScheduledRun.objects.values_list("name", flat=True))
    assert "gonghui.core.tasks.resume_stale_imports" in names
