"""The JSON API calls the same services as the pages: apply and see the trace, refused input
in Chinese with nothing written, the review steps, the committee cap, frozen rules, the switch."""

import pytest

from gonghui.craftsman.models import Application, RulesVersion
from gonghui.craftsman.tests.factories import YEAR, apply, line, rules, worker

pytestmark = pytest.mark.django_db
DAY = f"{YEAR}-03-01"


def body(scheme, *evidence, consent=True):
    return {
        "scheme": scheme.pk,
        "service_years": "5",
        "consent_notice": consent,
        "evidence": list(evidence),
    }


def test_a_member_applies_through_the_api_and_reads_the_trace(scheme, tree, client_for):
    person = worker(tree.union_a1)
    client = client_for(person.user)
    url = "/api/me/craftsman-applications/"
    bad = client.post(
        url, body(scheme, {"item": "CONTEST.NOPE", "date": DAY}), content_type="application/json"
    )
    assert bad.status_code == 400
    assert "不在本方案的评分规则中" in bad.content.decode()
    assert not Application.objects.exists()
    response = client.post(
        url,
        body(scheme, {"item": "CONTEST.CITY_1", "date": DAY, "ref": "GZ-1"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["score"] == "15.0" and data["channel"] == "phone"
    assert data["trace"][0] == f"市级竞赛一等奖（{DAY}，证书 GZ-1）：15 分"
    listed = client.get(url).json()
    assert [row["id"] for row in listed["results"]] == [data["id"]]


def test_an_unknown_scheme_or_member_is_a_refused_field_not_a_404(scheme, tree, staff, client_for):
    """Found by the API fuzzing: the schema documents 400 for refused input, not 404."""
    client = client_for(worker(tree.union_a1).user)
    unknown = {**body(scheme), "scheme": 0}
    response = client.post(
        "/api/me/craftsman-applications/", unknown, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["scheme"] == ["没有这个评选方案。"]
    staff_client = client_for(staff.union_a1)
    outsider = worker(tree.union_b1)
    response = staff_client.post(
        "/api/craftsman/applications/",
        {**body(scheme), "member": outsider.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "不在您的管辖范围内" in response.json()["member"][0]
    assert not Application.objects.exists()


def test_staff_apply_for_a_member_review_and_the_committee_cap(scheme, tree, staff, client_for):
    person = worker(tree.union_a1)
    union = client_for(staff.union_a1)
    response = union.post(
        "/api/craftsman/applications/",
        {
            **body(scheme, {"item": "CERT.L1", "date": DAY}, {"item": "CERT.L3", "date": DAY}),
            "member": person.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["channel"] == "union"
    pk = response.json()["id"]
    refused = union.post(
        f"/api/craftsman/applications/{pk}/refuse-line/",
        {"line": 1, "reason": "证书过期"},
        content_type="application/json",
    )
    assert refused.json()["score"] == "10.0"
    assert (
        union.post(f"/api/craftsman/applications/{pk}/check/").json()["status"] == "union_checked"
    )
    town = client_for(staff.town_a)
    assert town.post(f"/api/craftsman/applications/{pk}/check/").json()["status"] == "town_checked"
    reviewer = client_for(staff.reviewer)
    over = reviewer.post(
        f"/api/craftsman/applications/{pk}/adjust/",
        {"adjustment": "6", "reason": "突出"},
        content_type="application/json",
    )
    assert over.status_code == 400 and "-5 至 +5" in over.content.decode()
    ok = reviewer.post(
        f"/api/craftsman/applications/{pk}/adjust/",
        {"adjustment": "-1.5", "reason": "材料不全"},
        content_type="application/json",
    )
    assert ok.json()["score"] == "8.5"
    events = reviewer.get(f"/api/craftsman/applications/{pk}/events/").json()
    assert [e["action"] for e in events] == [
        "apply",
        "refuse_line",
        "union_check",
        "town_check",
        "adjust",
    ]
    assert client_for(staff.town_b).get(f"/api/craftsman/applications/{pk}/").status_code == 404


def test_rules_edited_through_the_api_freeze_after_the_first_score(scheme, tree, staff, client_for):
    admin = client_for(staff.admin)
    url = f"/api/craftsman/schemes/{scheme.pk}/rules/"
    assert (
        admin.post(url, {"rules": rules(adjust_cap=2)}, content_type="application/json").json()[
            "number"
        ]
        == 1
    )
    apply(scheme, worker(tree.union_a1), [line("CERT.L1", DAY)])
    frozen = admin.post(url, {"rules": rules(adjust_cap=3)}, content_type="application/json")
    assert frozen.status_code == 400 and "评分规则已冻结" in frozen.content.decode()
    assert RulesVersion.objects.get().rules["adjust_cap"] == "2"
    bad = admin.post(
        url, {"rules": rules(window_years="three"), "reason": "x"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "window_years" in bad.content.decode()
    assert RulesVersion.objects.count() == 1
    assert admin.get(url).json()["number"] == 1


def test_switched_off_the_api_refuses_new_applications_and_reads_stay(
    scheme, tree, client_for, switch_on
):
    person = worker(tree.union_a1)
    apply(scheme, person, [line("CERT.L1", DAY)])
    switch_on(tree.county, "craftsman", enabled=False)
    client = client_for(person.user)
    refused = client.post(
        "/api/me/craftsman-applications/", body(scheme), content_type="application/json"
    )
    assert refused.status_code == 403
    assert client.get("/api/me/craftsman-applications/").json()["count"] == 1


def test_a_scheme_with_town_pools_is_created_through_the_api(tree, staff, client_for, switch_on):
    switch_on(tree.county, "craftsman")
    admin = client_for(staff.admin)
    body = {
        "year": YEAR,
        "title": "model_worker",
        "name": "标兵评选",
        "quota": 3,
        "pool_by": "town",
        "pools": [
            {"key": str(tree.town_a.pk), "label": "甲镇", "places": 2},
            {"key": str(tree.town_b.pk), "label": "乙镇", "places": 2},
        ],
    }
    too_many = admin.post("/api/craftsman/schemes/", body, content_type="application/json")
    assert too_many.status_code == 400 and "分配的名额超过了总名额" in too_many.content.decode()
    body["quota"] = 4
    created = admin.post("/api/craftsman/schemes/", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["pool_by"] == "town"
    from gonghui.craftsman.models import Scheme

    assert list(Scheme.objects.get().pools.values_list("label", "places")) == [
        ("甲镇", 2),
        ("乙镇", 2),
    ]
    town = client_for(staff.town_a).post(
        "/api/craftsman/schemes/", body, content_type="application/json"
    )
    assert town.status_code == 403


def test_contests_results_and_revoking_a_title_through_the_api(tree, staff, client_for):
    from gonghui.craftsman.models import Honour

    person = worker(tree.union_a1)
    admin = client_for(staff.admin)
    bad = admin.post(
        "/api/craftsman/contests/",
        {"name": "焊工赛", "trade": "焊工", "level": "world", "date": DAY, "organiser": ""},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "级别应为区县级、市级或省级" in bad.content.decode()
    created = admin.post(
        "/api/craftsman/contests/",
        {"name": "焊工赛", "trade": "焊工", "level": "city", "date": DAY, "organiser": ""},
        content_type="application/json",
    ).json()
    result = admin.post(
        f"/api/craftsman/contests/{created['id']}/results/",
        {"member": person.pk, "rank": 1, "prize": "一等奖", "item": "CONTEST.CITY_1"},
        content_type="application/json",
    )
    assert result.status_code == 201 and result.json()["member_name"] == person.name
    assert admin.get(f"/api/craftsman/contests/{created['id']}/").json()["contestants"] == 1
    union = client_for(staff.union_a1).post(
        "/api/craftsman/contests/",
        {"name": "x", "trade": "y", "level": "city", "date": DAY},
        content_type="application/json",
    )
    assert union.status_code == 403
    admin = client_for(staff.admin)  # the one test client, signed in as the admin again
    honour = Honour.objects.create(
        holder_name=person.name,
        member=person,
        title="craftsman",
        year=YEAR,
        federation=tree.county,
        valid_from=f"{YEAR}-01-01",
        valid_until=f"{YEAR + 2}-12-31",
    )
    url = f"/api/craftsman/honours/{honour.pk}/revoke/"
    assert admin.post(url, {"reason": ""}, content_type="application/json").status_code == 400
    revoked = admin.post(url, {"reason": "材料造假"}, content_type="application/json").json()
    assert revoked["revoke_reason"] == "材料造假" and revoked["revoked_at"]
