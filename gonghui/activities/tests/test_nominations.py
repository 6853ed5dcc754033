"""Union nominations within quota, county approval, the Excel import (all or nothing), and the
scheduled jobs registered once per period."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import Workbook

from gonghui.activities.models import Kind, Pool, Registration, RegStatus
from gonghui.activities.services import nominations
from gonghui.activities.tests.helpers import batch, members_with_users, programme

pytestmark = pytest.mark.django_db


def recuperation(staff, tree, *, quota=2):
    prog = programme(
        staff.reviewer, tree.county, kind=Kind.RECUPERATION, self_apply=False, title="疗休养"
    )
    return prog, batch(staff.reviewer, prog, places=4, quotas={tree.town_a: quota}, name="第一批")


def test_nomination_within_quota_then_county_approval(on, staff, sms_sent):
    prog, the_batch = recuperation(staff, on)
    people = members_with_users(on.union_a1, 3)
    made = [
        nominations.registration_nominate(actor=staff.town_a, member=p, batch=the_batch)
        for p in people[:2]
    ]
    assert {r.status for r in made} == {RegStatus.NOMINATED}
    with pytest.raises(ValidationError, match="配额"):
        nominations.registration_nominate(actor=staff.town_a, member=people[2], batch=the_batch)
    outsider = members_with_users(on.union_b1, 1)[0]
    with pytest.raises(PermissionDenied):
        nominations.registration_nominate(actor=staff.town_a, member=outsider, batch=the_batch)
    with pytest.raises(PermissionDenied):
        nominations.nomination_approve(actor=staff.town_a, registration=made[0])
    nominations.nomination_approve(actor=staff.reviewer, registration=made[0])
    nominations.nomination_reject(actor=staff.reviewer, registration=made[1], reason="名额调整")
    assert Registration.objects.get(pk=made[0].pk).status == RegStatus.OFFERED
    assert Registration.objects.get(pk=made[1].pk).status == RegStatus.REJECTED
    assert Pool.objects.get(batch=the_batch, org=on.town_a).taken == 1
    assert "推荐" in sms_sent[0][1] and sms_sent[-1][0] == people[0].mobile


def workbook(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(["身份证号", "姓名", "批次"])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def test_nomination_import_refuses_a_wrong_id_number_with_its_row_and_writes_nothing(on, staff):
    prog, _batch = recuperation(staff, on, quota=3)
    good = members_with_users(on.union_a1, 2)
    wrong = good[1].id_number[:-1] + ("0" if good[1].id_number[-1] != "0" else "1")
    report = nominations.nominations_import(
        actor=staff.town_a,
        programme=prog,
        source=workbook([[good[0].id_number, good[0].name, "第一批"], [wrong, "某某", "第一批"]]),
    )
    assert not report.applied
    assert [number for number, _message in report.errors] == [3]
    assert "身份证号" in report.errors[0][1]
    assert not Registration.objects.exists()
    report = nominations.nominations_import(
        actor=staff.town_a,
        programme=prog,
        source=workbook([[p.id_number, p.name, "第一批"] for p in good]),
    )
    assert report.applied and report.summary["created"] == 2
    assert Registration.objects.filter(status=RegStatus.NOMINATED).count() == 2


def test_expiry_jobs_are_scheduled_once_per_period(db):
    from gonghui.core import schedule
    from gonghui.core.models import ScheduledRun

    moment = timezone.now().replace(minute=2)
    first = schedule.run_due(now=moment)
    second = schedule.run_due(now=moment + datetime.timedelta(seconds=30))
    assert "gonghui.activities.tasks.expire_offers" in first
    assert "gonghui.activities.tasks.expire_offers" not in second
    assert ScheduledRun.objects.filter(name="gonghui.activities.tasks.expire_offers").count() == 1
