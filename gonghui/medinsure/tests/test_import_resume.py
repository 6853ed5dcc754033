"""A settlement import whose worker died half-way through computing notices is resumed by
another worker with the same import: the file is staged again, stored records add nothing,
notices go on after the last member computed, and the summary is the one an uninterrupted
import gives, every record and notice counted once."""

import datetime
import io

import pytest
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from gonghui.core import sample
from gonghui.core.jobs import import_job_create, import_job_run, import_jobs_resume_stale
from gonghui.core.models import ImportJob
from gonghui.medinsure.feedfiles import csv_bytes
from gonghui.medinsure.models import BenefitNotice, SettlementImport, SettlementRecord
from gonghui.medinsure.services import compute, staging
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import feed, stay


class Killed(BaseException):
    """SIGKILL, as far as the worker's own code can tell."""


@pytest.fixture
def people(tree, periods):
    members = [
        person(
            tree.union_a1, sample.id_number(datetime.date(1970 + i, 3, 1), 101 + 2 * i), f"职工{i}"
        )
        for i in range(6)
    ]
    enroll_renewed(periods, members)
    return members


def rows(people):
    stays = [
        stay(member, f"S{i}-{k}", f"2022-0{3 + k}-01", f"2022-0{3 + k}-06", "2000.00")
        for i, member in enumerate(people)
        for k in range(2)
    ]
    bad = stay(people[0], "S-bad", "2022-05-01", "2022-04-31")
    return [*stays, stays[3], bad]  # a row sent twice, a row with an impossible date


@pytest.mark.django_db
def test_a_killed_settlement_job_resumes_to_the_uninterrupted_summary(
    tree, people, staff, monkeypatch, settings, django_capture_on_commit_callbacks
):
    content = csv_bytes(rows(people))
    with transaction.atomic():
        expected = feed(tree.county, rows(people))
        expected_notices = BenefitNotice.objects.count()
        transaction.set_rollback(True)
    assert expected.summary["imported"] == 12 and expected_notices == 12

    monkeypatch.setattr(staging, "STORE_CHUNK", 5)
    monkeypatch.setattr(compute, "CHUNK_ROWS", 3)  # a page of records: one member here
    computed = compute._compute_chunk
    calls = []

    def dies_on_the_third_page(*args):
        calls.append(1)
        if len(calls) == 3:
            raise Killed
        return computed(*args)

    monkeypatch.setattr(compute, "_compute_chunk", dies_on_the_third_page)
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(
            actor=staff.reviewer,
            kind="settlements",
            upload=File(io.BytesIO(content), name="yb.csv"),
            options={"federation": tree.county.pk},
        )
    with pytest.raises(Killed):
        import_job_run(job.pk)
    assert BenefitNotice.objects.count() == 4  # two members' notices, then the worker died
    assert SettlementRecord.objects.count() == 12

    monkeypatch.setattr(compute, "_compute_chunk", computed)
    ImportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=timezone.now() - datetime.timedelta(seconds=settings.IMPORT_STALE_SECONDS + 1)
    )
    import_jobs_resume_stale()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.APPLIED and job.attempts == 2 and job.resumed
    assert job.summary == expected.summary
    assert BenefitNotice.objects.count() == expected_notices
    assert SettlementRecord.objects.count() == 12
    batch = SettlementImport.objects.get()
    assert batch.job_id == job.pk and batch.summary == expected.summary
