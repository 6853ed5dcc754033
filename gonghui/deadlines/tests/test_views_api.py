"""The late list, extension and calendar through the pages and the JSON API: the same
services, the same scope, Chinese refusals, nothing written on bad input."""

import datetime

import time_machine

from gonghui.core.models import ImportJob
from gonghui.deadlines.models import CalendarDay, DaySource, Deadline
from gonghui.deadlines.tests.factories import at, open_deadline


def test_late_page_lists_and_extends_once(tree, staff, client_for):
    deadline = open_deadline(tree.union_a1)  # due Thu 10 Dec 00:00
    soon = open_deadline(tree.union_a1, object_id=2, amount=8)  # due Wed 16 Dec 00:00
    with time_machine.travel(at(2026, 12, 14, 9), tick=False):
        client = client_for(staff.town_a)  # signed in at the time travelled to
        page = client.get("/staff/deadlines/").content.decode()
        assert "Thing 1" in page and "已超期" in page
        assert 'data-testid="due-soon"' in page and "Thing 2" in page and "即将到期" in page
        refused = client.post(f"/staff/deadlines/{deadline.pk}/extend/", {"amount": "2"})
        assert refused.status_code == 302
        assert Deadline.objects.get(pk=deadline.pk).extended_at is None
        client.post(f"/staff/deadlines/{deadline.pk}/extend/", {"amount": "5", "reason": "等鉴定"})
        deadline.refresh_from_db()
        assert deadline.due_at == at(2026, 12, 17) and deadline.extension_reason == "等鉴定"
        again = client.post(
            f"/staff/deadlines/{deadline.pk}/extend/",
            {"amount": "1", "reason": "再等"},
            follow=True,
        ).content.decode()
        assert "已经延长过一次" in again
    assert soon.extended_at is None
    other = client_for(staff.town_b)
    assert other.post(f"/staff/deadlines/{deadline.pk}/extend/", {"amount": 1}).status_code == 404


def test_api_lists_late_and_open_in_scope_and_extends(tree, staff, client_for):
    late = open_deadline(tree.union_a1)
    open_deadline(tree.union_b1, object_id=2)
    open_deadline(tree.union_a1, object_id=3, amount=30)
    with time_machine.travel(at(2026, 12, 11, 9), tick=False):
        client = client_for(staff.town_a)
        rows = client.get("/api/deadlines/?late=true").json()["results"]
        assert [(row["object_id"], row["state"]) for row in rows] == [(1, "red")]
        rows = client.get("/api/deadlines/").json()["results"]
        assert [(row["object_id"], row["state"]) for row in rows] == [(1, "red"), (3, "green")]
        assert client.get("/api/deadlines/?late=maybe").status_code == 400
        bad = client.post(f"/api/deadlines/{late.pk}/extend/", {"amount": 0, "reason": "x"})
        assert bad.status_code == 400
        answer = client.post(f"/api/deadlines/{late.pk}/extend/", {"amount": 5, "reason": "x"})
        assert answer.status_code == 200 and answer.json()["state"] == "green"
        twice = client.post(f"/api/deadlines/{late.pk}/extend/", {"amount": 2, "reason": "y"})
        assert twice.status_code == 400 and "一次" in str(twice.json())
    finance = client_for(staff.finance)
    answer = finance.post(f"/api/deadlines/{late.pk}/extend/", {"amount": 1, "reason": "z"})
    assert answer.status_code == 403


def test_calendar_api_for_the_admin_read_only_for_others(staff, client_for):
    reader = client_for(staff.town_a)
    refused = reader.post(
        "/api/calendar-days/", {"day": "2026-10-01", "kind": "holiday", "name": "国庆节"}
    )
    assert refused.status_code == 403 and not CalendarDay.objects.exists()
    admin = client_for(staff.admin)
    bad = admin.post("/api/calendar-days/", {"day": "2026-10-09", "kind": "workday", "name": "x"})
    assert bad.status_code == 400 and "只有周六或周日" in str(bad.json())
    made = admin.post(
        "/api/calendar-days/", {"day": "2026-10-01", "kind": "holiday", "name": "国庆节"}
    )
    assert made.status_code == 201 and made.json()["national"] is True
    CalendarDay.objects.filter(pk=made.json()["id"]).update(source=DaySource.DEMO)
    listed = client_for(staff.town_a).get("/api/calendar-days/?year=2026").json()
    assert [(row["day"], row["source"]) for row in listed] == [("2026-10-01", "demo")]
    admin = client_for(staff.admin)
    assert admin.post("/api/calendar-days/confirm/", {"year": 2026}).json() == {"confirmed": 1}
    assert CalendarDay.objects.get().source == DaySource.STAFF
    assert admin.delete(f"/api/calendar-days/{made.json()['id']}/").status_code == 204
    assert not CalendarDay.objects.exists()


def test_calendar_page_for_readers_confirm_and_import_job(
    staff, client_for, tmp_path, django_capture_on_commit_callbacks
):
    CalendarDay.objects.create(
        day=datetime.date(2026, 10, 1), kind="holiday", name="国庆节", source=DaySource.DEMO
    )
    reader = client_for(staff.auditor).get("/staff/deadlines/calendar/?year=2026").content.decode()
    assert "演示数据" in reader and "国庆节" in reader and "已核对无误" not in reader
    assert client_for(staff.auditor).post("/staff/deadlines/calendar/", {}).status_code == 403
    admin = client_for(staff.admin)
    admin.post("/staff/deadlines/calendar/confirm/?year=2026")
    assert CalendarDay.objects.get().source == DaySource.STAFF
    path = tmp_path / "cal.csv"
    path.write_bytes("日期,类型,名称\n2026-10-02,放假,国庆节\n2026-10-10,上班,调休\n".encode("gbk"))
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as upload:
        response = admin.post("/staff/deadlines/calendar/import/", {"file": upload})
    job = ImportJob.objects.get()
    assert response["Location"] == f"/staff/imports/{job.pk}/"
    assert (job.status, job.summary["written"]) == ("applied", 2)
    assert CalendarDay.objects.count() == 3
