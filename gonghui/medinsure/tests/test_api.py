"""The bureau's push API (machine client with a hashed key, idempotent by serial) and the
reading endpoints with their scope."""

import pytest
from rest_framework.test import APIClient

from gonghui.core.tests.openapi import assert_fits
from gonghui.medinsure import services
from gonghui.medinsure.models import BenefitNotice, BureauApiKey, NoticeStatus, SettlementRecord
from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import feed, stay
from gonghui.mutual_aid.tests.factories import member_user

ID = "330522197510020014"
PUSH = "/api/medinsure/settlements/push/"


def record(serial="SL1", id_number=ID, **fields):
    return {
        "serial": serial,
        "status": "正常",
        "id_number": id_number,
        "name": "王建国",
        "category": "住院",
        "hospital": "长兴县人民医院",
        "place": "本地",
        "admission": "2022-03-02",
        "discharge": "2022-03-09",
        "total_cost": "18,234.50",
        "self_responsibility": "4102.30",
        **fields,
    }


@pytest.fixture
def wang(tree, periods):
    member = person(
        tree.union_a1, ID, "王建国", mobile="13900001001", bank_card="6222021234567890123"
    )
    enroll_renewed(periods, [member])
    return member


@pytest.fixture
def bureau(tree, staff):
    api_key, key = services.api_key_create(actor=staff.admin, federation=tree.county, name="医保局")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client, api_key, key


@pytest.mark.django_db
def test_the_key_is_kept_hashed(bureau):
    _client, api_key, key = bureau
    stored = BureauApiKey.objects.get()
    assert key not in (stored.key_hash, stored.prefix) and len(stored.key_hash) == 64
    assert key.startswith(f"mi_{stored.prefix}_")


@pytest.mark.django_db
def test_push_one_then_a_batch_idempotent_by_serial(bureau, wang):
    client, api_key, _key = bureau
    response = client.post(PUSH, record(), format="json")
    assert response.status_code == 200, response.content
    # 4,102.30 × 60% = 2,461.38 → 2,461; 7 days × 30 = 210.
    assert response.json()["summary"] == {
        "rows": 1,
        "imported": 1,
        "rejected": 0,
        "duplicates": 0,
        "reversals": 0,
        "matched": 1,
        "benefits": 1,
        "amount": "2671.00",
    }
    batch = [
        record(),  # already stored
        record("SL2", admission="2022-05-01", discharge="2022-05-03"),
        record("SL3", id_number="330522197510020015"),  # bad check digit
        record("SL4", status="冲销", original_serial="SL1", total_cost="-18234.50",
               self_responsibility="-4102.30"),
    ]  # fmt: skip
    response = client.post(PUSH, {"records": batch}, format="json")
    body = response.json()
    assert body["summary"]["imported"] == 2 and body["summary"]["duplicates"] == 1
    assert body["summary"]["reversals"] == 1 and body["summary"]["rejected"] == 1
    assert body["errors"][0]["index"] == 3 and "身份证号" in body["errors"][0]["reason"]
    assert BenefitNotice.objects.get(record__serial="SL1").status == NoticeStatus.CANCELLED
    assert SettlementRecord.objects.filter(batch__api_key=api_key).count() == 3
    api_key.refresh_from_db()
    assert api_key.last_used_at is not None


@pytest.mark.django_db
def test_push_needs_a_valid_live_key(bureau, staff, client_for):
    client, api_key, _key = bureau
    anonymous = APIClient()
    assert anonymous.post(PUSH, record(), format="json").status_code == 401
    anonymous.credentials(HTTP_AUTHORIZATION="Api-Key mi_00000000_wrong")
    assert anonymous.post(PUSH, record(), format="json").status_code == 401
    # A person signed in (even a county admin) is not the bureau's system.
    assert client_for(staff.admin).post(
        PUSH, record(), content_type="application/json"
    ).status_code in (401, 403)
    services.api_key_revoke(actor=staff.admin, api_key=api_key)
    assert client.post(PUSH, record(), format="json").status_code == 401
    assert not SettlementRecord.objects.exists()


@pytest.mark.django_db
def test_push_refuses_unknown_fields_and_empty_bodies(bureau):
    client, _api_key, _key = bureau
    assert client.post(PUSH, record(diagnosis="x"), format="json").status_code == 400
    assert client.post(PUSH, [], format="json").status_code == 400
    assert client.post(PUSH, "text", format="json").status_code == 400


@pytest.mark.django_db
def test_only_county_admins_make_keys(tree, staff):
    from django.core.exceptions import PermissionDenied

    for user in (staff.reviewer, staff.town_a, staff.union_a1):
        with pytest.raises(PermissionDenied):
            services.api_key_create(actor=user, federation=tree.county, name="x")


@pytest.mark.django_db
def test_reading_records_and_notices_is_scoped(tree, staff, wang, client_for):
    feed(
        tree.county,
        [
            stay(wang, "S1", "2022-03-01", "2022-03-05"),
            stay("330522197012120354", "S2", "2022-03-01", "2022-03-05"),  # nobody enrolled
        ],
    )
    county = client_for(staff.reviewer).get("/api/medinsure/records/").json()
    assert sorted(r["serial"] for r in county["results"]) == ["S1", "S2"]
    assert all("id_number" not in r and "diagnosis" not in r for r in county["results"])
    assert county["results"][0]["id_number_masked"].startswith("330522")
    town_a = client_for(staff.town_a).get("/api/medinsure/records/").json()
    assert [r["serial"] for r in town_a["results"]] == ["S1"]
    town_b = client_for(staff.town_b)
    assert town_b.get("/api/medinsure/records/").json()["results"] == []
    notice = BenefitNotice.objects.get()
    assert town_b.get(f"/api/medinsure/notices/{notice.pk}/").status_code == 404
    record_id = SettlementRecord.objects.get(serial="S1").pk
    assert town_b.get(f"/api/medinsure/records/{record_id}/").status_code == 404
    # a record of nobody enrolled has no member: null, as the schema says
    assert {r["serial"]: r["member_name"] for r in county["results"]} == {
        "S1": "王建国",
        "S2": None,
    }
    assert_fits(county, "/api/medinsure/records/", "get")


@pytest.mark.django_db
def test_members_read_and_confirm_their_own_notices_only(tree, wang, client):
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05")])
    notice = BenefitNotice.objects.get()
    other = person(tree.union_a1, "33052219900308002X", "李秀英", mobile="13900001002")
    api = APIClient()
    api.force_authenticate(member_user(other))
    assert api.get("/api/medinsure/notices/").json()["results"] == []
    assert api.post(f"/api/medinsure/notices/{notice.pk}/confirm/").status_code == 404
    assert api.get("/api/medinsure/records/").status_code == 403

    api.force_authenticate(member_user(wang))
    assert [n["id"] for n in api.get("/api/medinsure/notices/").json()["results"]] == [notice.pk]
    response = api.post(f"/api/medinsure/notices/{notice.pk}/confirm/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    notice.refresh_from_db()
    # 3,000 × 60% + 4 days × 30 = 1,920: made into a claim and approved straight through.
    assert response.json()["claim"] == notice.claim_id is not None
    assert response.json()["claim_status"] == "approved"
    again = api.post(f"/api/medinsure/notices/{notice.pk}/confirm/", {}, format="json")
    assert again.status_code == 400
