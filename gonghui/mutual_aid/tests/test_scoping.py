"""Who sees which enrollments, on the pages and in the API: staff their subtree, members
themselves only. The same selectors serve both."""

import datetime

import pytest

from gonghui.mutual_aid.models import Enrollment, Payment, Plan
from gonghui.mutual_aid.tests.factories import enroll, member_user
from gonghui.orgs.tests.factories import member


@pytest.fixture
def people(tree, period):
    a = member(tree.union_a1, name="甲镇会员")
    b = member(tree.union_b1, name="乙镇会员")
    enroll(period, [a, b], plans=[Plan.INPATIENT])
    return {"a": a, "b": b}


def test_town_b_does_not_see_town_a_on_the_page(client_for, staff, tree, period, people):
    client = client_for(staff.town_b)
    url = f"/staff/mutual-aid/periods/{period.pk}/enrollments/"
    page = client.get(url).content.decode()
    assert "乙镇会员" in page and "甲镇会员" not in page
    filtered = client.get(url, {"union": tree.union_a1.pk}).content.decode()
    assert "甲镇会员" not in filtered
    assert client.get(url, {"q": people["a"].id_number}).content.decode().count("甲镇会员") == 0
    roster = client.get(
        f"/staff/mutual-aid/periods/{period.pk}/enroll/", {"union": tree.union_a1.pk}
    )
    assert roster.status_code == 404


def test_town_b_does_not_see_town_a_in_the_api(client_for, staff, tree, period, people):
    client = client_for(staff.town_b)
    names = [
        row["member_name"] for row in client.get("/api/mutual-aid/enrollments/").json()["results"]
    ]
    assert names == ["乙镇会员"]
    by_union = client.get("/api/mutual-aid/enrollments/", {"union": tree.union_a1.pk}).json()
    assert by_union["results"] == []
    county = client_for(staff.admin).get("/api/mutual-aid/enrollments/").json()
    assert {row["member_name"] for row in county["results"]} == {"甲镇会员", "乙镇会员"}


def test_a_member_sees_only_their_own(client, tree, period, people):
    user = member_user(people["a"])
    client.force_login(user)
    page = client.get("/m/mutual-aid/").content.decode()
    assert "第1期（T2021）" in page and "住院" in page
    api = client.get("/api/me/mutual-aid/enrollments/").json()["results"]
    assert [(row["member_name"], row["plan"]) for row in api] == [("甲镇会员", "INPATIENT")]
    assert client.get("/api/mutual-aid/enrollments/").status_code == 403
    assert client.get(f"/staff/mutual-aid/periods/{period.pk}/enrollments/").status_code == 403
    periods = client.get("/api/mutual-aid/periods/").json()["results"]
    assert [row["code"] for row in periods] == ["T2021"]


def test_api_enrolls_roster_picks_within_scope(client_for, staff, tree, period):
    mine, theirs = member(tree.union_a1, female=True), member(tree.union_b1)
    client = client_for(staff.union_a1)
    refused = client.post(
        "/api/mutual-aid/enrollments/",
        {"period": period.pk, "plans": ["INPATIENT"], "members": [theirs.pk],
         "enrolled_on": "2021-01-05"},
        content_type="application/json",
    )  # fmt: skip
    assert refused.status_code == 400
    assert "members" in refused.json()
    created = client.post(
        "/api/mutual-aid/enrollments/",
        {"period": period.pk, "plans": ["INPATIENT", "MATERNITY"], "members": [mine.pk],
         "enrolled_on": "2021-01-05"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201
    assert created.json() == {"created": 2, "already": 0, "not_applicable": 0}
    assert Enrollment.objects.filter(member=mine).count() == 2
    outside = client.post(
        "/api/mutual-aid/enrollments/",
        {"period": period.pk, "plans": ["INPATIENT"], "members": [mine.pk],
         "enrolled_on": "2022-06-01"},
        content_type="application/json",
    )  # fmt: skip
    assert outside.status_code == 400
    assert "参保时间" in str(outside.json())
    # an id past what the column holds overflowed the query on SQLite (500)
    huge = client.post(
        "/api/mutual-aid/enrollments/",
        {"period": period.pk, "plans": ["INPATIENT"], "members": [10**20],
         "enrolled_on": "2021-01-05"},
        content_type="application/json",
    )  # fmt: skip
    assert huge.status_code == 400
    assert huge.json() == {"members": {"0": ["请确保该值小于或者等于 9223372036854775807。"]}}


def test_api_payments_are_for_finance(client_for, staff, tree, period):
    enroll(period, [member(tree.union_a1)], plans=[Plan.INPATIENT])
    body = {"period": period.pk, "union": tree.union_a1.pk, "amount": "50.00",
            "paid_on": "2021-01-20"}  # fmt: skip
    assert (
        client_for(staff.union_a1)
        .post("/api/mutual-aid/payments/", body, content_type="application/json")
        .status_code
        == 403
    )
    wrong = client_for(staff.finance).post(
        "/api/mutual-aid/payments/", {**body, "amount": "40"}, content_type="application/json"
    )
    assert wrong.status_code == 400 and "50" in str(wrong.json())
    paid = client_for(staff.finance).post(
        "/api/mutual-aid/payments/", body, content_type="application/json"
    )
    assert paid.status_code == 201
    assert Payment.objects.get().paid_on == datetime.date(2021, 1, 20)
    listed = client_for(staff.town_b).get("/api/mutual-aid/payments/").json()["results"]
    assert listed == []


def test_api_periods_carry_plans_and_parameters(client_for, staff, period):
    data = client_for(staff.union_a1).get(f"/api/mutual-aid/periods/{period.pk}/").json()
    assert data["code"] == "T2021" and data["federation"] == "T"
    assert {row["plan"]: row["contribution"] for row in data["plans"]} == {
        "INPATIENT": "50.00",
        "CRITICAL": "30.00",
        "FEMALE": "20.00",
        "MATERNITY": "10.00",
    }
    assert data["parameters"]["version"] == "T2021-v1"
    assert data["parameters"]["values"]["waiting_days"] == "90"


def test_api_filters_and_schema(client_for, staff, tree, period, people):
    client = client_for(staff.admin)
    refused = client.get("/api/mutual-aid/enrollments/", {"period": "x"})
    assert (refused.status_code, refused.json()) == (400, {"period": ["请填写合法的整数值。"]})
    by_plan = client.get("/api/mutual-aid/enrollments/", {"plan": "CRITICAL"}).json()
    assert by_plan["results"] == []
    schema = client.get("/api/schema/").content.decode()
    assert "/api/mutual-aid/quote/" in schema and "/api/mutual-aid/enrollments/" in schema
