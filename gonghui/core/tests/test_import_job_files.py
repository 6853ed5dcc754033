"""What an import job keeps on disk: the upload encrypted, readable by the server's user only
(0600 in a 0700 folder) and deleted when the job ends, whatever the outcome; the error report
with row numbers and reasons but no full ID number."""

import stat
from pathlib import Path

import pytest
from django.core.files import File

from gonghui.core import jobs
from gonghui.core.imports import ImportReport
from gonghui.core.jobs import import_job_create, import_job_run
from gonghui.core.models import ImportJob
from gonghui.core.tests.test_import_jobs import csv_file, line

ID = "331004198102011234"
MASKED = "331004********1234"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def echo(monkeypatch):
    """An import kind whose runner reports what the test gives it."""
    outcome = {}

    def runner(*, job, source, run):
        if "crash" in outcome:
            raise RuntimeError("boom")
        source.read()
        return outcome["report"]

    monkeypatch.setitem(jobs._RUNNERS, "echo", runner)
    return outcome


def queued(actor, path, django_capture_on_commit_callbacks, kind="members") -> ImportJob:
    with django_capture_on_commit_callbacks(execute=False), open(path, "rb") as upload:
        return import_job_create(actor=actor, kind=kind, upload=File(upload, name="会员.csv"))


@pytest.mark.django_db
def test_the_upload_is_encrypted_0600_and_deleted_once_imported(
    staff, tmp_path, media, django_capture_on_commit_callbacks
):
    path = csv_file(tmp_path, [line(i) for i in range(3)])
    job = queued(staff.town_a, path, django_capture_on_commit_callbacks)
    stored = Path(job.file.path)
    assert stored.is_relative_to(media / "imports") and "会员" not in stored.name
    first_id = line(0).split(",")[2]
    assert first_id.encode() in path.read_bytes() and first_id.encode() not in stored.read_bytes()
    assert mode(stored) == 0o600 and mode(stored.parent) == 0o700
    import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.APPLIED and job.summary["created"] == 3
    assert not stored.exists() and not job.file


@pytest.mark.django_db
def test_a_refused_file_is_deleted_and_its_report_masks_id_numbers(
    staff, tmp_path, echo, django_capture_on_commit_callbacks, client_for
):
    echo["report"] = ImportReport(
        summary={"rows": 2, "rejected": 2},
        errors=[(2, f"身份证号“{ID}”校验位不对"), (3, f"银行卡 6222020200112233445 与 {ID} 不符")],
        warnings=[(2, f"提醒：{ID}")],
    )
    path = csv_file(tmp_path, [line(1)])
    job = queued(staff.town_a, path, django_capture_on_commit_callbacks, kind="echo")
    stored = Path(job.file.path)
    import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.REFUSED and not stored.exists()
    assert job.errors_preview == [
        [2, f"身份证号“{MASKED}”校验位不对"],
        [3, f"银行卡 622202*********3445 与 {MASKED} 不符"],
    ]
    assert job.warnings == [[2, f"提醒：{MASKED}"]]
    report = Path(job.error_report.path)
    assert mode(report) == 0o600
    text = report.read_text(encoding="utf-8-sig")
    assert ID not in text and f"2,身份证号“{MASKED}”校验位不对" in text
    page = client_for(staff.town_a).get(f"/staff/imports/{job.pk}/").content.decode()
    assert ID not in page and MASKED in page


@pytest.mark.django_db
def test_a_failed_job_deletes_its_upload_too(
    staff, tmp_path, echo, django_capture_on_commit_callbacks
):
    echo["crash"] = True
    path = csv_file(tmp_path, [line(1)])
    job = queued(staff.town_a, path, django_capture_on_commit_callbacks, kind="echo")
    stored = Path(job.file.path)
    import_job_run(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and not stored.exists()
    assert "未写入任何数据" in job.file_error


@pytest.mark.django_db
def test_an_upload_left_by_a_finished_job_is_swept(
    staff, tmp_path, django_capture_on_commit_callbacks
):
    job = queued(staff.town_a, csv_file(tmp_path, [line(1)]), django_capture_on_commit_callbacks)
    stored = Path(job.file.path)
    # The worker died between finishing the job and deleting its file.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.APPLIED)
    jobs.import_jobs_resume_stale()
    job.refresh_from_db()
    assert not stored.exists() and not job.file
