"""The API offers what the pages offer, through the same services and scope."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.accounts.models import Role
from gonghui.core.tests.openapi import assert_fits
from gonghui.hardship.models import Campaign, HardshipFile, Status, Tier
from gonghui.hardship.tests.factories import (
    DEEP_FIGURES,
    active_file,
    applied_file,
    set_standard,
)
from gonghui.orgs.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_hardship_api_walks_a_file_from_application_to_approval(tree, staff, client_for):
    set_standard(staff, tree)
    worker = member(tree.union_a1)
    today = timezone.localdate()
    union = client_for(staff.union_a1)
    application = {
        "id_number": worker.id_number,
        "main_cause": "illness",
        "household_size": 3,
        "annual_income": "30000",
    }
    # Without the worker's agreement to the notice: refused, in Chinese, nothing written.
    refused = union.post("/api/hardship/files/", application, content_type="application/json")
    assert refused.status_code == 400
    assert "公示" in refused.json()[0]
    assert not HardshipFile.objects.filter(member=worker).exists()
    shown = union.get(f"/api/consent/text/?service=hardship&member={worker.pk}").json()
    assert worker.name[0] + "*" in shown["text"]
    created = union.post(
        "/api/hardship/files/",
        {
            **application,
            "consent_agreed": True,
            "consent_text": shown["text"],
            "consent_how": "spoken",
            "consent_note": "窗口读给职工听，同意",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["suggested_tier"] == "deep"

    def post(client, path, data):
        response = client.post(
            f"/api/hardship/files/{pk}/{path}/", data, content_type="application/json"
        )
        assert response.status_code == 200, response.content
        return response.json()

    post(union, "union-review", {"tier": "deep"})
    post(
        union,
        "record-visit",
        {"visited_on": today.isoformat(), "visitors": "张主席", "findings": "属实"},
    )
    town = client_for(staff.town_a)
    post(town, "town-verify", {})
    post(
        town,
        "start-notice",
        {
            "starts_on": (today - datetime.timedelta(days=7)).isoformat(),
            "ends_on": (today - datetime.timedelta(days=1)).isoformat(),
            "place": "公示栏",
        },
    )
    refused = union.post(f"/api/hardship/files/{pk}/approve/", {}, content_type="application/json")
    assert refused.status_code == 403
    approved = post(client_for(staff.reviewer), "approve", {})
    assert (approved["status"], approved["tier"]) == ("active", "deep")
    assert [event["action"] for event in approved["events"]][-1] == "approve"
    bad = client_for(staff.reviewer).post(
        f"/api/hardship/files/{pk}/approve/", {}, content_type="application/json"
    )
    assert bad.status_code == 400


def test_hardship_api_worker_applies_and_reads_only_their_own_file(tree, staff):
    worker = member(tree.union_a1)
    worker.user = UserFactory(role=Role.MEMBER)
    worker.save()
    phone = Client()
    phone.force_login(worker.user)
    assert phone.get("/api/hardship/my-file/").status_code == 404
    applied = phone.post(
        "/api/hardship/my-file/",
        {
            "main_cause": "accident",
            "household_size": 2,
            "annual_income": "20000",
            "emergency_cost": "30000",
            "consent_agreed": True,
            "consent_text": phone.get("/api/consent/text/?service=hardship").json()["text"],
        },
        content_type="application/json",
    )
    assert applied.status_code == 201, applied.content
    assert applied.json()["channel"] == "phone"
    mine = phone.get("/api/hardship/my-file/").json()
    assert mine["status"] == Status.APPLIED
    assert phone.get("/api/hardship/files/").status_code == 403


def test_hardship_api_campaign_picks_and_pays(tree, staff, client_for):
    file = active_file(staff, tree, tier=Tier.DEEP)
    admin = client_for(staff.admin)
    created = admin.post(
        "/api/hardship/campaigns/",
        {
            "name": "金秋助学",
            "kind": "autumn_schooling",
            "year": timezone.localdate().year,
            "org": tree.county.pk,
            "budget": "3000",
            "aid_type": "schooling",
            "funding_source": "union_funds",
            "default_amount": "1000",
            "rule": {"tiers": ["deep"]},
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert admin.post(f"/api/hardship/campaigns/{pk}/select/").json() == {"added": 1}
    recipients = admin.get(f"/api/hardship/campaigns/{pk}/recipients/").json()
    assert recipients["count"] == 1
    recipient = recipients["results"][0]
    paid = admin.post(
        f"/api/hardship/campaigns/{pk}/pay/",
        {"recipient": recipient["id"], "given_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert paid.status_code == 201
    assert Decimal(paid.json()["amount"]) == Decimal("1000")
    twice = admin.post(
        f"/api/hardship/campaigns/{pk}/pay/",
        {"recipient": recipient["id"], "given_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert twice.status_code == 400
    summary = admin.get(f"/api/hardship/campaigns/{pk}/").json()
    assert summary["totals"]["spent"] == "1000.00"
    assert file.aid.get().campaign == Campaign.objects.get(pk=pk)
    figures = admin.get("/api/hardship/figures/").json()
    assert figures["active"] == 1
    assert figures["campaigns"][0]["spent"] == "1000.00"
    assert HardshipFile.objects.count() == 1


def test_hardship_api_answers_are_what_the_schema_says(tree, staff, client_for):
    """Six lists answered plain where the schema promised pages, `last_visit` came null
    where the schema said a date, `my-file` came as an object where the schema said a list,
    and `select`/`pay-all` answered other than the campaign the schema promised."""
    file = active_file(staff, tree, tier=Tier.DEEP)
    town = client_for(staff.town_a)
    paired = town.post(
        f"/api/hardship/files/{file.pk}/pair/", {"cadre": staff.town_a.pk}, "application/json"
    )
    assert paired.status_code == 200, paired.content
    pairs = town.get("/api/hardship/pairs/").json()
    assert [p["last_visit"] for p in pairs] == [None]
    assert_fits(pairs, "/api/hardship/pairs/", "get")
    aid = town.get(f"/api/hardship/files/{file.pk}/aid/").json()
    assert aid == []
    assert_fits(aid, "/api/hardship/files/{id}/aid/", "get")

    admin = client_for(staff.admin)
    campaign = admin.post(
        "/api/hardship/campaigns/",
        {
            "name": "两节送温暖",
            "kind": "spring_festival",
            "year": timezone.localdate().year,
            "org": tree.county.pk,
            "budget": "3000",
            "aid_type": "living",
            "funding_source": "union_funds",
            "default_amount": "500",
        },
        content_type="application/json",
    ).json()["id"]
    selected = admin.post(f"/api/hardship/campaigns/{campaign}/select/").json()
    assert selected == {"added": 1}
    assert_fits(selected, "/api/hardship/campaigns/{id}/select/", "post")
    recipients = admin.get(f"/api/hardship/campaigns/{campaign}/recipients/").json()
    assert [r["worker"] for r in recipients["results"]] == [file.member.name]
    assert_fits(recipients, "/api/hardship/campaigns/{id}/recipients/", "get")
    given_on = {"given_on": timezone.localdate().isoformat()}
    paid = admin.post(f"/api/hardship/campaigns/{campaign}/pay-all/", given_on, "application/json")
    assert paid.json() == {"paid": 1, "held": []}
    assert_fits(paid.json(), "/api/hardship/campaigns/{id}/pay-all/", "post")

    file.member.user = UserFactory(role=Role.MEMBER)
    file.member.save()
    phone = Client()
    phone.force_login(file.member.user)
    own = phone.get("/api/hardship/my-file/").json()
    assert (own["id"], [a["amount"] for a in own["aid"]]) == (file.pk, ["500.00"])
    assert_fits(own, "/api/hardship/my-file/", "get")


def test_hardship_api_refuses_bad_input_with_a_message(tree, staff, client_for):
    """Each of these answered 500 (or ignored the filter): a household of 10^20 people
    overflowed the column, a year past 9999 the date, a list for a body had no `.get`."""
    file = applied_file(staff, tree)
    union = client_for(staff.union_a1)
    cases = [
        ("patch", f"/api/hardship/files/{file.pk}/household/", {"household_size": 10**20}),
        ("post", f"/api/hardship/files/{file.pk}/attachments/", [None, None]),
        # the grade of a disability is one of four, as on the page (free text was stored)
        (
            "post",
            f"/api/hardship/files/{file.pk}/family/",
            {"relation": "spouse", "name": "王芳", "age": 40, "disability": "二级以上"},
        ),
        ("get", "/api/hardship/figures/?year=99999", None),
        ("get", "/api/hardship/files/?status=nonsense", None),
        (
            "post",
            "/api/hardship/files/",
            {"id_number": "110101199003074514", "main_cause": "illness"},
        ),
    ]
    for method, path, body in cases:
        if method == "get":
            response = union.get(path)
        else:
            response = getattr(union, method)(path, body, content_type="application/json")
        assert response.status_code == 400, (path, response.content)
    file.refresh_from_db()
    assert file.household_size == DEEP_FIGURES["household_size"]
    assert not file.family.exists()
    unknown = union.post(
        "/api/hardship/files/",
        {"id_number": "110101199003074514", "main_cause": "illness"},
        content_type="application/json",
    )
    assert unknown.json() == {"id_number": ["您所管工会中没有这个身份证号的会员。"]}
    nowhere = client_for(staff.admin).post(
        "/api/hardship/campaigns/",
        {
            "name": "x",
            "kind": "other",
            "year": 2026,
            "org": 10**6,
            "budget": "1",
            "aid_type": "living",
            "funding_source": "union_funds",
            "default_amount": "1",
        },
        content_type="application/json",
    )
    assert nowhere.status_code == 400 and list(nowhere.json()) == ["org"]
