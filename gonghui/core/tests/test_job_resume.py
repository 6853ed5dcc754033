"""A job whose worker died is resumed by another from its last written chunk, ends with the
right summary (rows written before the crash counted once, none written twice), and its
page says it was resumed; a worker that lost its claim commits nothing more. (The same with
a real worker killed by SIGKILL: test_fault.py.)"""

import datetime

import pytest
from django.core.files import File
from django.db import IntegrityError
from django.utils import timezone

from gonghui.core.jobs import _claim, import_job_create, import_job_run, import_jobs_resume_stale
from gonghui.core.models import ImportChunk, ImportJob
from gonghui.core.tests.test_import_jobs import csv_file, line
from gonghui.orgs.importing import _MemberImport
from gonghui.orgs.models import Member

ROWS = 10  # rows 2 to 11 of the file; chunks of 3: 2-4, 5-7, 8-10, 11


class Killed(BaseException):
    """What SIGKILL does to a worker: it stops where it is, nothing is cleaned up."""


@pytest.fixture(autouse=True)
def small_chunks(settings):
    settings.IMPORT_CHUNK_ROWS = 3


@pytest.fixture
def job(staff, tmp_path, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=False),
        open(csv_file(tmp_path, [line(i) for i in range(ROWS)]), "rb") as upload,
    ):
        return import_job_create(actor=staff.town_a, kind="members", upload=File(upload))


def die_at(monkeypatch, method: str, row_number: int):
    original = getattr(_MemberImport, method)

    def dying(self, row):
        if row.number == row_number:
            raise Killed
        return original(self, row)

    monkeypatch.setattr(_MemberImport, method, dying)
    return original


def age(job, seconds):
    ImportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


@pytest.mark.django_db
def test_a_job_killed_while_writing_is_resumed_after_its_last_chunk(
    job, monkeypatch, settings, client_for, staff
):
    original = die_at(monkeypatch, "write", 9)  # in the third chunk
    with pytest.raises(Killed):
        import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING and job.phase == ImportJob.Phase.WRITING
    assert list(job.chunks.values_list("first_row", "last_row")) == [(2, 4), (5, 7)]
    assert Member.objects.count() == 6  # the third chunk rolled back with the worker

    # Its heartbeat is recent: nobody takes it over yet.
    assert import_jobs_resume_stale() == []
    age(job, settings.IMPORT_STALE_SECONDS + 1)
    monkeypatch.setattr(_MemberImport, "write", original)
    checked = []
    monkeypatch.setattr(_MemberImport, "check", lambda self, row: checked.append(row) or [])
    assert import_jobs_resume_stale() == [job.pk]  # the task runs at once in tests

    job.refresh_from_db()
    assert job.status == ImportJob.Status.APPLIED and job.attempts == 2 and job.resumed
    assert job.summary == {"rows": ROWS, "created": ROWS, "updated": 0, "rejected": 0}
    assert Member.objects.count() == ROWS
    assert checked == []  # the file had been checked: the resumed run only writes
    assert list(job.chunks.values_list("first_row", "last_row")) == [
        (2, 4),
        (5, 7),
        (8, 10),
        (11, 11),
    ]
    page = client_for(staff.town_a).get(f"/staff/imports/{job.pk}/").content.decode()
    assert "从中断处继续" in page and "第 2 次运行" in page


@pytest.mark.django_db
def test_a_job_killed_while_checking_starts_again(job, monkeypatch, settings):
    original = die_at(monkeypatch, "check", 6)
    with pytest.raises(Killed):
        import_job_run(job.pk)
    assert not Member.objects.exists() and not ImportChunk.objects.exists()
    monkeypatch.setattr(_MemberImport, "check", original)
    age(job, settings.IMPORT_STALE_SECONDS + 1)
    import_jobs_resume_stale()
    job.refresh_from_db()
    assert (job.status, job.summary["created"]) == (ImportJob.Status.APPLIED, ROWS)
    assert Member.objects.count() == ROWS


@pytest.mark.django_db
def test_a_job_is_claimed_by_one_worker_at_a_time(job, settings):
    first = _claim(job.pk)
    assert first is not None and _claim(job.pk) is None
    age(job, settings.IMPORT_STALE_SECONDS + 1)
    second = _claim(job.pk)
    assert second is not None and second.token != first.token
    job.refresh_from_db()
    assert (job.attempts, job.claim) == (2, second.token)


@pytest.mark.django_db
def test_a_worker_that_lost_its_claim_commits_nothing_more(job, monkeypatch):
    original = _MemberImport.write

    def taken_over_after_the_first_chunk(self, row):
        if row.number == 4:
            # Another worker, thinking this one dead, takes the job as chunk 1 ends.
            ImportJob.objects.filter(pk=job.pk).update(claim="another worker")
        return original(self, row)

    monkeypatch.setattr(_MemberImport, "write", taken_over_after_the_first_chunk)
    returned = import_job_run(job.pk)
    assert returned.status == ImportJob.Status.RUNNING and returned.claim == "another worker"
    assert Member.objects.count() == 3
    assert list(ImportChunk.objects.values_list("first_row", "last_row")) == [(2, 4)]


@pytest.mark.django_db
def test_a_chunk_is_recorded_once(job):
    ImportChunk.objects.create(job=job, first_row=2, last_row=4, counts={"created": 3})
    with pytest.raises(IntegrityError):
        ImportChunk.objects.create(job=job, first_row=2, last_row=3, counts={"created": 2})


@pytest.mark.django_db
def test_finished_and_waiting_jobs_are_left_alone(job, settings):
    import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.APPLIED
    age(job, settings.IMPORT_STALE_SECONDS + 1)
    assert import_jobs_resume_stale() == []
    assert import_job_run(job.pk).attempts == 1
