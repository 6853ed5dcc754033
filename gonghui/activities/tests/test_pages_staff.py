"""Staff pages that write: the nomination import refusing a wrong ID number by its row, a
lottery made on its form (its draw announced at once), and the refusals shown in Chinese."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.activities.models import Kind, Lottery, Registration
from gonghui.activities.tests.helpers import batch, members_with_users, programme
from gonghui.activities.tests.test_nominations import workbook
from gonghui.core.models import ImportJob
from gonghui.core.tasks import run_import_job

pytestmark = pytest.mark.django_db


def test_import_page_names_the_wrong_row_and_writes_nothing(on, staff, client_for):
    prog = programme(staff.reviewer, on.county, kind=Kind.RECUPERATION, self_apply=False)
    batch(staff.reviewer, prog, places=5, quotas={on.town_a: 3}, name="第一批")
    (person,) = members_with_users(on.union_a1, 1)
    wrong = "33100419800615001X" if person.id_number[-1] != "X" else "331004198006150010"
    data = workbook([[person.id_number, person.name, "第一批"], [wrong, "某某", "第一批"]])
    upload = SimpleUploadedFile("名单.xlsx", data.getvalue())
    client = client_for(staff.town_a)
    answer = client.post(f"/staff/activities/{prog.pk}/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert answer.url == f"/staff/imports/{job.pk}/"
    run_import_job.call(job.pk)  # what the task worker does
    job.refresh_from_db()
    assert job.status == "refused" and [row for row, _message in job.errors_preview] == [3]
    text = client.get(answer.url).content.decode()
    assert "第 3 行" in text and "身份证号" in text
    assert not Registration.objects.exists()


def test_lottery_made_on_its_form_announces_its_seed_source(on, staff, client_for):
    now = timezone.localtime()
    client = client_for(staff.reviewer)
    answer = client.post(
        "/staff/activities/lotteries/new/",
        {
            "title": "端午抽奖",
            "opens_at": (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "voucher_days": 30,
            "seed_source": "6月20日上证指数收盘价（两位小数）",
            "prizes": "粽子礼盒，100，80\n电影票, 50, 40",
        },
    )
    lottery = Lottery.objects.get()
    assert answer.status_code == 302
    assert [(p.name, p.stock) for p in lottery.prizes.all()] == [("粽子礼盒", 100), ("电影票", 50)]
    assert lottery.draw.seed_source == "6月20日上证指数收盘价（两位小数）"
    page = client.get(f"/staff/activities/lotteries/{lottery.pk}/").content.decode()
    assert "已公布种子来源" in page or "种子来源" in page
    # freezing before entry closes is refused with a Chinese message, nothing changes
    page = client.post(
        f"/staff/activities/lotteries/{lottery.pk}/freeze/", follow=True
    ).content.decode()
    assert "参与截止后才能冻结名单" in page
    lottery.draw.refresh_from_db()
    assert lottery.draw.frozen_at is None
    bad = client.post(
        "/staff/activities/lotteries/new/",
        {
            "title": "错误奖项",
            "opens_at": now.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "voucher_days": 30,
            "seed_source": "指数",
            "prizes": "手机",
        },
    ).content.decode()
    assert "奖项第 1 行" in bad and Lottery.objects.count() == 1
