"""Every page action in the JSON API: members apply and read, staff check in and nominate,
writes stop while the service is off (reads stay)."""

import pytest

from gonghui.activities.models import Registration, RegStatus
from gonghui.activities.tests.helpers import batch, members_with_users, programme

pytestmark = pytest.mark.django_db


def test_member_applies_and_staff_check_in_through_the_api(on, staff, client_for, switch_on):
    the_batch = batch(
        staff.town_a, programme(staff.town_a, on.town_a, title="趣味运动会"), places=1
    )
    first, second = members_with_users(on.union_a1, 2)
    client = client_for(first.user)
    listed = client.get("/api/activities/me/batches/").json()
    assert [row["programme_title"] for row in listed["results"]] == ["趣味运动会"]
    answer = client.post("/api/activities/me/registrations/", {"batch": the_batch.pk})
    assert answer.status_code == 201 and answer.json()["status"] == "confirmed"
    code = answer.json()["code"]
    again = client.post("/api/activities/me/registrations/", {"batch": the_batch.pk})
    assert again.status_code == 400 and "每人限一个名额" in str(again.json())
    waiting = client_for(second.user).post(
        "/api/activities/me/registrations/", {"batch": the_batch.pk}
    )
    assert waiting.json()["status"] == "applied"
    staff_client = client_for(staff.town_a)
    checked = staff_client.post("/api/activities/registrations/check-in/", {"code": code})
    assert checked.status_code == 200 and checked.json()["status"] == "checked_in"
    twice = staff_client.post("/api/activities/registrations/check-in/", {"code": code})
    assert twice.status_code == 400 and "重复签到" in str(twice.json())
    # Switched off: the member's registrations stay readable, a new one is refused.
    switch_on(on.county, "activities", enabled=False)
    client = client_for(second.user)
    assert client.get("/api/activities/me/registrations/").status_code == 200
    refused = client.post(f"/api/activities/me/registrations/{waiting.json()['id']}/cancel/")
    assert refused.status_code == 403
    assert Registration.objects.get(member=second).status == RegStatus.APPLIED


def test_union_nominates_through_the_api_and_a_member_cannot_read_staff_lists(
    on, staff, client_for
):
    prog = programme(staff.reviewer, on.county, kind="recuperation", self_apply=False)
    the_batch = batch(staff.reviewer, prog, places=3, quotas={on.town_a: 2})
    (person,) = members_with_users(on.union_a1, 1)
    answer = client_for(staff.town_a).post(
        f"/api/activities/programmes/{prog.pk}/nominate/",
        {"batch": the_batch.pk, "id_number": person.id_number},
    )
    assert answer.status_code == 201 and answer.json()["status"] == "nominated"
    assert client_for(person.user).get("/api/activities/programmes/").status_code == 403
    rows = client_for(staff.reviewer).get(f"/api/activities/programmes/{prog.pk}/registrations/")
    assert [row["member_name"] for row in rows.json()["results"]] == [person.name]
