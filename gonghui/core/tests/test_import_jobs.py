"""Member import through the background job: progress page, outcome, error report, scope."""

import datetime

import pytest

from gonghui.core import sample
from gonghui.core.models import ImportJob
from gonghui.orgs.models import Member

HEADER = "工会编码,姓名,身份证号,手机号\n"


def csv_file(tmp_path, lines, name="members.csv"):
    path = tmp_path / name
    path.write_bytes((HEADER + "".join(lines)).encode("gbk"))
    return path


def line(i, union="TA-1", id_number=None):
    number = id_number or sample.id_number(datetime.date(1981, 2, 1 + i), 200 + i)
    return f"{union},职工{i},{number},1371234{i:04d}\n"


@pytest.mark.django_db
def test_upload_runs_in_the_background_and_reports(
    client_for, staff, tmp_path, django_capture_on_commit_callbacks
):
    client = client_for(staff.town_a)
    with (
        django_capture_on_commit_callbacks(execute=True),
        open(csv_file(tmp_path, [line(i) for i in range(5)]), "rb") as upload,
    ):
        response = client.post("/staff/members/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == f"/staff/imports/{job.pk}/"
    assert (job.status, job.rows_estimate, job.summary["created"]) == ("applied", 5, 5)
    assert Member.objects.count() == 5
    page = client.get(response["Location"]).content.decode()
    assert "已导入" in page and 'data-summary="created">5<' in page


@pytest.mark.django_db
def test_bad_row_refuses_the_file_and_the_report_names_it(
    client_for, staff, tmp_path, django_capture_on_commit_callbacks
):
    client = client_for(staff.town_a)
    lines = [line(i) for i in range(3)] + [line(9, id_number="331004198102011234")]
    with (
        django_capture_on_commit_callbacks(execute=True),
        open(csv_file(tmp_path, lines), "rb") as upload,
    ):
        client.post("/staff/members/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert (job.status, job.error_count) == ("refused", 1)
    assert job.errors_preview[0][0] == 5
    assert Member.objects.count() == 0
    page = client.get(f"/staff/imports/{job.pk}/").content.decode()
    assert "第 5 行" in page and "未导入任何数据" in page
    report = client.get(f"/staff/imports/{job.pk}/errors.csv")
    assert "校验位" in b"".join(report.streaming_content).decode("utf-8")


@pytest.mark.django_db
def test_another_town_cannot_see_the_job(
    client_for, staff, tmp_path, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        open(csv_file(tmp_path, [line(1)]), "rb") as upload,
    ):
        client_for(staff.town_a).post("/staff/members/import/", {"file": upload})
    job = ImportJob.objects.get()
    other = client_for(staff.town_b)
    assert other.get(f"/staff/imports/{job.pk}/").status_code == 404
    assert other.get(f"/staff/imports/{job.pk}/errors.csv").status_code == 404
