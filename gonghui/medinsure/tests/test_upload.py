"""The upload page: preview, column mapping (saved per federation), the background job with
its summary and error report; the same rows read from Excel."""

import io
import os
import re
import stat
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from gonghui.core.models import ImportJob
from gonghui.medinsure.feedfiles import HEADER, csv_bytes
from gonghui.medinsure.models import BenefitNotice, ColumnMapping
from gonghui.medinsure.selectors import column_mapping_for
from gonghui.medinsure.tasks import sweep_upload_previews
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import stay

ID = "330522197510020014"


@pytest.fixture
def wang(tree, periods):
    member = person(tree.union_a1, ID, "王建国", mobile="13900001001")
    enroll_renewed(periods, [member])
    return member


def upload(client, content: bytes, name="yb.csv"):
    return client.post(
        "/staff/medinsure/upload/", {"file": SimpleUploadedFile(name, content)}, follow=False
    )


def mapping_post(page: str, **overrides) -> dict:
    """What the preview form would send: its token and the columns it preselected."""
    data = {"token": re.search(r'name="token" value="([^"]+)"', page).group(1), "remember": "on"}
    for name, selected in re.findall(
        r'<select name="(map_\w+)"[^>]*>.*?(?:<option value="([^"]*)" selected>|</select>)',
        page,
        flags=re.S,
    ):
        data[name] = selected
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_upload_preview_then_job_with_summary_and_error_report(
    tree, wang, staff, client_for, django_capture_on_commit_callbacks
):
    # The bureau calls the serial column 流水号 and the co-payment 自负金额.
    header = [
        "流水号" if h == "结算流水号" else "自负金额" if h == "其中自负" else h for h in HEADER
    ]
    rows = [
        stay(wang, "S1", "2022-03-01", "2022-03-05", "1000.00"),
        stay(wang, "S2", "2022-04-01", "2022-04-31", "1000.00"),  # impossible date
    ]
    for values in rows:
        values["流水号"] = values.pop("结算流水号")
        values["自负金额"] = values.pop("其中自负")
    client = client_for(staff.reviewer)
    page = upload(client, csv_bytes(rows, encoding="gbk", header=header)).content.decode()
    assert "流水号" in page and "S1" in page  # the preview shows the file's first rows
    data = mapping_post(page, map_serial="流水号", map_self_responsibility="自负金额")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/staff/medinsure/upload/", data)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/imports/{job.pk}/"
    assert job.kind == "settlements" and job.status == ImportJob.Status.APPLIED
    assert job.summary == {
        "rows": 2,
        "imported": 1,
        "rejected": 1,
        "duplicates": 0,
        "reversals": 0,
        "matched": 1,
        "benefits": 1,
        "amount": "720.00",
    }
    assert BenefitNotice.objects.get().total == 720
    status = client.get(f"/staff/imports/{job.pk}/").content.decode()
    assert 'data-summary="benefits">1<' in status
    assert "匹配到参保会员" in status and "已入库（忽略）" in status
    assert "文件已导入，但有 1 行被拒绝" in status
    report = b"".join(client.get(f"/staff/imports/{job.pk}/errors.csv").streaming_content)
    lines = report.decode("utf-8-sig").splitlines()
    assert lines[0] == "行号,原因" and lines[1].startswith("3,") and "2022-04-31" in lines[1]
    # A reviewer may import but not change the saved mapping.
    assert not ColumnMapping.objects.exists()


@pytest.mark.django_db
def test_an_admin_saves_the_mapping_for_the_next_file(tree, wang, staff, client_for):
    header = ["流水号" if h == "结算流水号" else h for h in HEADER]
    values = stay(wang, "S1", "2022-03-01", "2022-03-05")
    values["流水号"] = values.pop("结算流水号")
    client = client_for(staff.admin)
    page = upload(client, csv_bytes([values], header=header)).content.decode()
    client.post("/staff/medinsure/upload/", mapping_post(page, map_serial="流水号"))
    assert column_mapping_for(tree.county)["serial"] == "流水号"
    assert ColumnMapping.objects.count() == 1
    # The next upload preselects it.
    page = upload(client, csv_bytes([values], header=header)).content.decode()
    assert mapping_post(page)["map_serial"] == "流水号"


@pytest.mark.django_db
def test_a_file_without_a_header_is_refused_at_upload(staff, client_for):
    page = upload(client_for(staff.admin), b"").content.decode()
    assert "errorlist" in page or "text-danger" in page


@pytest.mark.django_db
def test_town_staff_cannot_import(staff, client_for):
    assert client_for(staff.town_a).get("/staff/medinsure/upload/").status_code == 403


@pytest.mark.django_db
def test_excel_file_with_dates_and_numbers_as_cells(tree, wang, capsys, tmp_path):
    import datetime

    from gonghui.medinsure.tests.helpers import command

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    values = stay(wang, "S1", "", "", "")
    values.update(入院日期=datetime.datetime(2022, 3, 1), 出院日期=datetime.datetime(2022, 3, 5),
                  其中自负=1000.5, 医疗总费用=12000, 身份证号=ID.lower())  # fmt: skip
    sheet.append([values.get(column, "") for column in HEADER])
    path = tmp_path / "yb.xlsx"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    summary = command(path, capsys)
    # 1,000.50 × 60% = 600.30 → 600; 4 days × 30 = 120.
    assert summary["matched"] == 1 and summary["amount"] == "720.00"


@pytest.mark.django_db
def test_the_preview_file_is_encrypted_0600_and_deleted_on_confirming(
    tree, wang, staff, client_for, media, django_capture_on_commit_callbacks
):
    client = client_for(staff.reviewer)
    page = upload(client, csv_bytes([stay(wang, "S1", "2022-03-01", "2022-03-05")]))
    folder = media / "medinsure" / "uploads"
    (kept,) = folder.iterdir()
    assert ID.encode() not in kept.read_bytes() and stat.S_IMODE(kept.stat().st_mode) == 0o600
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staff/medinsure/upload/", mapping_post(page.content.decode()))
    assert not any(folder.iterdir())
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.APPLIED and not job.file


@pytest.mark.django_db
def test_an_abandoned_preview_is_swept_by_the_scheduler(tree, wang, staff, client_for, media):
    upload(client_for(staff.reviewer), csv_bytes([stay(wang, "S1", "2022-03-01", "2022-03-05")]))
    (kept,) = (media / "medinsure" / "uploads").iterdir()
    assert sweep_upload_previews.call() == 0  # its link still works for an hour
    hours_ago = time.time() - 3 * 3600
    os.utime(kept, (hours_ago, hours_ago))
    assert sweep_upload_previews.call() == 1 and not kept.exists()
