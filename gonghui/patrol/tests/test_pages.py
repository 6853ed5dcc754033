"""The member's phone pages, the staff pages and the JSON API: every action, scoped."""

import pytest
from django.utils import timezone

from gonghui.patrol.models import Patrol, Status
from gonghui.patrol.services import grabs
from gonghui.patrol.tests.helpers import members_with_users, route, slot, walk

pytestmark = pytest.mark.django_db


def test_the_member_sees_open_slots_nearest_first_and_grabs_one(on, staff, client_for):
    near = route(staff.town_a, on.town_a)
    far = route(staff.town_a, on.town_a, name="远郊线")
    far.checkpoints.update(lat=28.4, lng=121.2)
    near_slot, far_slot = slot(near), slot(far)
    (me,) = members_with_users(on.union_a1, 1)
    client = client_for(me.user)
    page = client.get("/m/patrol/?lat=28.5801&lng=121.3701").content.decode()
    assert page.index(f"slot-{near_slot.pk}") < page.index(f"slot-{far_slot.pk}")
    assert "距您" in page and "米" in page
    response = client.post(f"/m/patrol/slots/{near_slot.pk}/grab/")
    patrol = Patrol.objects.get(member=me)
    assert response.url == f"/m/patrol/{patrol.pk}/"
    detail = client.get(response.url).content.decode()
    assert "工业园北门" in detail and "已抢单" in detail


def test_the_patrol_on_the_phone_pages_start_pass_finish(on, staff, client_for):
    the_slot = slot(route(staff.town_a, on.town_a), hours_ahead=0)
    (me,) = members_with_users(on.union_a1, 1)
    patrol = Patrol.objects.create(
        slot=the_slot, route=the_slot.route, member=me, day=the_slot.date, status=Status.HELD
    )
    client = client_for(me.user)
    first, middle, last = the_slot.route.checkpoints.order_by("position")
    url = f"/m/patrol/{patrol.pk}/"
    client.post(url + "start/", {"lat": first.lat, "lng": first.lng, "accuracy": 12, "agree": "1"})
    client.post(url + "checkpoint/", {"checkpoint": last.pk, "lat": last.lat, "lng": last.lng})
    page = client.get(url).content.decode()
    assert "须按顺序经过点位" in page
    client.post(url + "checkpoint/", {"checkpoint": middle.pk, "code": middle.code})
    client.post(url + "finish/", {"lat": last.lat, "lng": last.lng, "accuracy": 8})
    patrol.refresh_from_db()
    assert patrol.status == Status.REVIEW
    assert patrol.passes.count() == 3
    assert any("滨河路口" in reason for reason in patrol.reasons)  # passed by QR, no position


def test_staff_route_page_draws_the_route_and_outsiders_see_nothing(on, staff, client_for):
    the_route = route(staff.town_a, on.town_a)
    page = client_for(staff.town_a).get(f"/staff/patrol/routes/{the_route.pk}/").content.decode()
    assert "<polyline" in page and page.count("<circle") == 3 and "物流中心" in page
    outsider = client_for(staff.town_b)
    assert outsider.get(f"/staff/patrol/routes/{the_route.pk}/").status_code == 404
    assert outsider.get(f"/api/patrol/routes/{the_route.pk}/").status_code == 404
    assert outsider.get("/api/patrol/routes/").json()["count"] == 0


def test_staff_generate_slots_review_and_see_the_figures(on, staff, client_for):
    the_route = route(staff.town_a, on.town_a)
    client = client_for(staff.town_a)
    today = timezone.localdate()
    client.post(
        f"/staff/patrol/routes/{the_route.pk}/",
        {"sl-first": today.isoformat(), "sl-last": today.isoformat(), "sl-capacity": 4},
    )
    assert the_route.slots.count() == 3
    assert set(the_route.slots.values_list("capacity", flat=True)) == {4}
    (me,) = members_with_users(on.union_a1, 1)
    patrol = walk(grabs.patrol_grab(actor=me.user, member=me, slot=slot(the_route)))
    queue = client.get("/staff/patrol/review/").content.decode()
    assert patrol.reference in queue
    client.post(f"/staff/patrol/patrols/{patrol.pk}/reject/", {"reason": ""})
    patrol.refresh_from_db()
    assert patrol.status == Status.REVIEW
    client.post(f"/staff/patrol/patrols/{patrol.pk}/approve/")
    patrol.refresh_from_db()
    assert patrol.status == Status.APPROVED
    first = patrol.day.isoformat()
    figures = client.get(f"/staff/patrol/figures/?first={first}&last={first}").content.decode()
    assert "工业园北线" in figures and "1.8" in figures  # 110 minutes
    export = client.get(f"/staff/patrol/figures/?first={first}&last={first}&export=route")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_api_grab_start_checkpoint_finish_and_approve(on, staff, client_for):
    the_slot = slot(route(staff.town_a, on.town_a), hours_ahead=1)
    (me,) = members_with_users(on.union_a1, 1)
    member = client_for(me.user)
    listed = member.get("/api/patrol/me/slots/?lat=28.58&lng=121.37").json()
    assert listed[0]["slot"]["id"] == the_slot.pk and listed[0]["distance"] == 0
    grabbed = member.post(
        "/api/patrol/me/patrols/", {"slot": the_slot.pk}, content_type="application/json"
    )
    assert grabbed.status_code == 201, grabbed.content
    pk = grabbed.json()["id"]
    again = member.post(
        "/api/patrol/me/patrols/", {"slot": the_slot.pk}, content_type="application/json"
    )
    assert again.status_code == 400 and "已在该时段" in again.content.decode()
    # Travel to the slot's start: the service takes the time of the request.
    import time_machine

    first, middle, last = the_slot.route.checkpoints.order_by("position")
    with time_machine.travel(the_slot.starts_at, tick=True):
        base = f"/api/patrol/me/patrols/{pk}/"

        def post(action, body):
            return member.post(base + action + "/", body, content_type="application/json")

        refused = post(
            "start", {"lat": "28.540000", "lng": "121.330000", "accuracy": 10, "agree": True}
        )
        assert refused.status_code == 400 and "公里" in refused.content.decode()
        assert (
            post(
                "start",
                {"lat": str(first.lat), "lng": str(first.lng), "accuracy": 10, "agree": True},
            ).status_code
            == 200
        )
        assert (
            post(
                "checkpoint",
                {"checkpoint": middle.pk, "lat": str(middle.lat), "lng": str(middle.lng)},
            ).status_code
            == 200
        )
    with time_machine.travel(the_slot.starts_at + timezone.timedelta(minutes=115), tick=True):
        done = post("finish", {"lat": str(last.lat), "lng": str(last.lng), "accuracy": 5})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "review" and len(done.json()["passes"]) == 3
    reviewer = client_for(staff.town_a)
    queue = reviewer.get("/api/patrol/patrols/?status=review").json()
    assert [row["id"] for row in queue["results"]] == [pk]
    assert client_for(staff.town_b).post(f"/api/patrol/patrols/{pk}/approve/").status_code == 404
    reviewer = client_for(staff.town_a)  # one test client: sign the reviewer in again
    approved = reviewer.post(f"/api/patrol/patrols/{pk}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    from gonghui.points import services as points_services

    assert points_services.balance(me) == {"points": 20, "coins": 0}
    assert "<b>20</b>" in client_for(me.user).get("/m/patrol/mine/").content.decode()
