"""The API offers what the pages offer, through the same services and scope."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.accounts.models import Role
from gonghui.hardship.models import Campaign, HardshipFile, Status, Tier
from gonghui.hardship.tests.factories import active_file, set_standard
from gonghui.orgs.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def test_hardship_api_walks_a_file_from_application_to_approval(tree, staff, client_for):
    set_standard(staff, tree)
    worker = member(tree.union_a1)
    today = timezone.localdate()
    union = client_for(staff.union_a1)
    created = union.post(
        "/api/hardship/files/",
        {
            "id_number": worker.id_number,
            "main_cause": "illness",
            "household_size": 3,
            "annual_income": "30000",
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
    recipient = admin.get(f"/api/hardship/campaigns/{pk}/recipients/").json()[0]
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
