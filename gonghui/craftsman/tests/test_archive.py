"""Skill contests and the honours archive: Excel imports through the background job (all or
nothing, row-numbered errors), the figures, the public showcase."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.core.models import ImportJob
from gonghui.core.tasks import run_import_job
from gonghui.craftsman.models import Contest, ContestResult, Honour
from gonghui.craftsman.selectors import holds_title
from gonghui.craftsman.tests.factories import worker

pytestmark = pytest.mark.django_db


def csv(text: str, name="导入.csv", encoding="gb18030"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def run_last_job():
    job = ImportJob.objects.latest("id")
    run_import_job.call(job.pk)
    job.refresh_from_db()
    return job


def test_honours_import_all_or_nothing_and_the_showcase(tree, staff, client_for, client):
    admin = client_for(staff.admin)
    url = reverse("staff:craftsman_honour_import")
    bad = "获得者,类别,荣誉名称,级别,年度\n陈国强,个人,全国劳动模范,全国,2020\n先锋班组,团体,工人先锋号,省级,20X1\n"
    admin.post(url, {"file": csv(bad)})
    job = run_last_job()
    assert not Honour.objects.exists()
    assert job.status == "refused" and job.error_count == 1
    assert job.errors_preview[0][0] == 3
    good = "获得者,类别,荣誉名称,级别,年度\n陈国强,个人,全国劳动模范,全国,2020\n先锋班组,集体,工人先锋号,省级,2021\n"
    admin.post(url, {"file": csv(good)})
    run_last_job()
    assert list(
        Honour.objects.order_by("year").values_list("holder_name", "collective", "level")
    ) == [
        ("陈国强", False, "national"),
        ("先锋班组", True, "provincial"),
    ]
    page = client.get(reverse("craftsman_public:showcase", args=[tree.county.pk]))
    text = page.content.decode()
    assert "陈国强" in text and "全国劳动模范" in text and "先锋班组" in text
    only = client.get(
        reverse("craftsman_public:showcase", args=[tree.county.pk]), {"level": "national"}
    )
    assert "先锋班组" not in only.content.decode()
    listed = admin.get(
        reverse("staff:craftsman_honour_list"), {"level": "provincial"}
    ).content.decode()
    assert "先锋班组" in listed and "陈国强" not in listed
    assert not holds_title(None, "craftsman", datetime.date(2021, 5, 1))


def test_contest_results_import_matches_members_by_id_number_and_counts(tree, staff, client_for):
    from gonghui.orgs import services as org_services
    from gonghui.orgs.tests.factories import id_number

    number = id_number()
    person = org_services.member_create(
        actor=None, id_number=number, union=tree.union_a1, name="钱焊工", mobile="13700000099"
    )
    other = worker(tree.union_b1)
    admin = client_for(staff.admin)
    header = "竞赛名称,工种,级别,日期,主办单位,身份证号,名次,奖项,评分项,证书编号\n"
    unknown = (
        header
        + "焊工大赛,焊工,市级,2026-04-01,区总工会,110101199001011234,1,一等奖,CONTEST.CITY_1,HG-1\n"
    )
    admin.post(reverse("staff:craftsman_contest_list"), {"file": csv(unknown)})
    assert run_last_job().status == "refused" and not Contest.objects.exists()
    rows = header + (
        f"焊工大赛,焊工,市级,2026-04-01,区总工会,{number},1,一等奖,CONTEST.CITY_1,HG-1\n"
    )
    admin.post(reverse("staff:craftsman_contest_list"), {"file": csv(rows)})
    run_last_job()
    result = ContestResult.objects.get()
    assert (result.member, result.item, result.certificate, result.contest.level) == (
        person,
        "CONTEST.CITY_1",
        "HG-1",
        "city",
    )
    page = admin.get(reverse("staff:craftsman_contest_list")).content.decode()
    assert 'data-figure="contests">1<' in page and 'data-figure="trades">1<' in page
    assert other.pk != person.pk
