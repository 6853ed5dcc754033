"""The API offers every action of the pages with the same checks: a member files and follows
their own claim; reviewers queue, correct, approve (and second-approve), reject and return;
finance batches, exports (logged), marks paid or failed; scope is the user's subtree."""

import base64

from django.test import Client

from gonghui.accounts.models import Role
from gonghui.claims.models import ClaimStatus, PayoutBatch, SmsKind
from gonghui.claims.tests.factories import CHENG_FACTS, file_claim, photo, signature_png
from gonghui.core.models import AccessLog
from gonghui.core.tests.openapi import answer_schema, is_page
from gonghui.orgs.tests.factories import UserFactory


def test_member_files_through_the_api(client, cheng_user):
    client.force_login(cheng_user)
    facts = {k: str(v) for k, v in CHENG_FACTS.items()}
    created = client.post("/api/me/claims/", facts, content_type="application/json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["plans"] == "INPATIENT CRITICAL"
    for kind in ("id_card", "discharge_summary", "settlement_slip", "diagnosis_certificate"):
        assert (
            client.post(
                f"/api/me/claims/{pk}/materials/", {"kind": kind, "file": photo()}
            ).status_code
            == 201
        )
    signature = "data:image/png;base64," + base64.b64encode(signature_png()).decode()
    assert (
        client.post(
            f"/api/me/claims/{pk}/signature/",
            {"signature": signature},
            content_type="application/json",
        ).status_code
        == 201
    )
    estimate = client.get(f"/api/me/claims/{pk}/estimate/").json()
    assert estimate["total"] == "9961.00" and estimate["parameters_version"] == "T2021-v1"
    patched = client.patch(
        f"/api/me/claims/{pk}/", {"hospital": "台州市中心医院"}, content_type="application/json"
    )
    assert patched.status_code == 200 and patched.json()["facts"]["hospital"] == "台州市中心医院"
    # a changed claim must be signed again
    assert client.post(f"/api/me/claims/{pk}/submit/").status_code == 400
    client.post(
        f"/api/me/claims/{pk}/signature/", {"signature": signature}, content_type="application/json"
    )
    submitted = client.post(f"/api/me/claims/{pk}/submit/").json()
    assert submitted["status"] == "in_review" and submitted["amount"] == "9961.00"
    assert [line["code"] for line in submitted["lines"]] == [
        "INPATIENT.allowance",
        "INPATIENT.subsidy",
        "CRITICAL.lump_sum",
    ]
    assert submitted["missing_materials"] == ["pathology_report"]
    timeline = client.get(f"/api/me/claims/{pk}/timeline/").json()
    assert [event["label"] for event in timeline] == ["已提交", "审核中"]
    assert client.get("/api/me/claims/").json()["count"] == 1


def test_review_and_payout_through_the_api(client_for, staff, cheng_user, cheng, tree):
    claim = file_claim(cheng_user, cheng, facts={**CHENG_FACTS, "self_responsibility": "20000"})
    reviewer = client_for(staff.reviewer)
    queue = reviewer.get("/api/claims/").json()
    assert [row["reference"] for row in queue["results"]] == [claim.reference]
    detail = reviewer.get(f"/api/claims/{claim.pk}/").json()
    assert detail["facts"]["icd10"] == "C11"
    assert AccessLog.objects.filter(action="view_diagnosis", subject_id=str(claim.pk)).exists()

    corrected = reviewer.post(
        f"/api/claims/{claim.pk}/correct/",
        {"field": "self_responsibility", "value": "19000", "reason": "核对结算单"},
        content_type="application/json",
    ).json()
    assert corrected["amount"] == "16760.00"
    assert reviewer.post(f"/api/claims/{claim.pk}/second-approval/").status_code == 400
    first = reviewer.post(f"/api/claims/{claim.pk}/approve/").json()
    assert first["status"] == ClaimStatus.AWAITING_SECOND_APPROVAL
    assert reviewer.post(f"/api/claims/{claim.pk}/second-approval/").status_code == 403

    other = UserFactory(role=Role.COUNTY_REVIEWER, org=tree.county)
    second = client_for(other).post(f"/api/claims/{claim.pk}/second-approval/").json()
    assert second["status"] == ClaimStatus.APPROVED

    finance = client_for(staff.finance)
    waiting = finance.get("/api/payout-batches/waiting/").json()
    assert (waiting["count"], [c["id"] for c in waiting["results"]]) == (1, [claim.pk])
    batch = finance.post("/api/payout-batches/", {}, content_type="application/json").json()
    line = batch["lines"][0]
    assert line["bank_card"].endswith("0123") and "*" in line["bank_card"]
    export = finance.get(f"/api/payout-batches/{batch['id']}/export/")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd")
    assert AccessLog.objects.filter(action="export", user=staff.finance).count() == 1
    failed = finance.post(
        f"/api/payout-batches/{batch['id']}/lines/{line['id']}/failed/",
        {"reason": "卡号错误"},
        content_type="application/json",
    ).json()
    assert failed["lines"][0]["status"] == "failed"
    again = finance.post(
        "/api/payout-batches/", {"claims": [claim.pk]}, content_type="application/json"
    ).json()
    paid = finance.post(f"/api/payout-batches/{again['id']}/paid/").json()
    assert paid["status"] == "closed" and paid["lines"][0]["status"] == "paid"
    figures = finance.get("/api/claim-figures/").json()
    assert figures["paid_count"] == 1 and figures["paid_amount"] == "16760.00"
    assert client_for(staff.reviewer).get("/api/payout-batches/").status_code == 403


def test_reject_and_return_through_the_api(client_for, staff, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)
    reviewer = client_for(staff.reviewer)
    returned = reviewer.post(
        f"/api/claims/{claim.pk}/return/",
        {"materials": ["pathology_report"], "note": "请补充"},
        content_type="application/json",
    ).json()
    assert returned["status"] == "returned"
    assert returned["events"][-1]["materials"] == ["pathology_report"]
    assert (
        reviewer.post(
            f"/api/claims/{claim.pk}/reject/", {"reason": "OTHER"}, content_type="application/json"
        ).status_code
        == 400
    )


def test_api_scope(client_for, staff, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)
    outsider = client_for(staff.town_b)
    assert outsider.get(f"/api/claims/{claim.pk}/").status_code == 404
    assert outsider.get("/api/claims/").json()["count"] == 0
    assert outsider.post(f"/api/claims/{claim.pk}/approve/").status_code == 404
    union = client_for(staff.union_a1)
    assert union.post(f"/api/claims/{claim.pk}/approve/").status_code == 403
    admin = client_for(staff.admin)
    saved = admin.post(
        "/api/claim-sms-templates/",
        {"kind": "claim_paid", "text": "{name}，{amount}元已到账。"},
        content_type="application/json",
    )
    assert saved.json()["text"] == "{name}，{amount}元已到账。"
    assert client_for(staff.reviewer).get("/api/claim-sms-templates/").status_code == 403


def test_queue_filters_refuse_what_the_queue_page_refuses(client_for, staff, cheng_user, cheng):
    """`?waited_days=3010369` overflowed a date (500); any id past what a column holds
    overflowed the query on SQLite."""
    claim = file_claim(cheng_user, cheng)
    reviewer = client_for(staff.reviewer)
    refused = {
        "waited_days": ("3010369", "请确保该值小于或者等于 3650。"),
        "reviewer": ("99999999999999999999", "请确保该值小于或者等于 9223372036854775807。"),
        "union": ("abc", "请填写合法的整数值。"),
        "amount_min": ("-1", "请确保该值大于或者等于 0。"),
        "status": ("draft", "“draft” 不是合法选项。"),
    }
    for name, (value, message) in refused.items():
        response = reviewer.get("/api/claims/", {name: value})
        assert (response.status_code, response.json()) == (400, {name: [message]}), name
    waiting = reviewer.get("/api/claims/", {"waited_days": "0", "amount_max": "20000"}).json()
    assert [c["id"] for c in waiting["results"]] == [claim.pk]
    assert reviewer.get("/api/claims/", {"waited_days": "1"}).json()["count"] == 0
    unknown = reviewer.get("/api/claim-figures/", {"period": "999999"})
    assert unknown.status_code == 400 and list(unknown.json()) == ["period"]


def test_payout_batch_of_an_impossible_claim_id_is_refused(client_for, staff):
    finance = client_for(staff.finance)
    response = finance.post(
        "/api/payout-batches/",
        {"claims": [99999999999999999999]},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {"claims": {"0": ["请确保该值小于或者等于 9223372036854775807。"]}}
    assert not PayoutBatch.objects.exists()


def test_short_lists_are_whole_and_long_ones_are_pages_as_the_schema_says(
    client_for, staff, cheng_user, cheng
):
    claim = file_claim(cheng_user, cheng)
    client = Client()
    client.force_login(cheng_user)
    mine = client.get(f"/api/me/claims/{claim.pk}/timeline/").json()
    theirs = client_for(staff.reviewer).get(f"/api/claims/{claim.pk}/timeline/").json()
    assert (
        [e["new_status"] for e in mine]
        == [e["new_status"] for e in theirs]
        == [
            "submitted",
            "in_review",
        ]
    )
    for path in ("/api/me/claims/{id}/timeline/", "/api/claims/{id}/timeline/"):
        assert answer_schema(path, "get")["type"] == "array"
    templates = client_for(staff.admin).get("/api/claim-sms-templates/").json()
    assert {t["kind"] for t in templates} == set(SmsKind.values)
    assert answer_schema("/api/claim-sms-templates/", "get")["type"] == "array"
    assert is_page(answer_schema("/api/payout-batches/waiting/", "get"))


def test_a_body_that_is_not_an_object_is_refused(client_for, staff, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)
    response = client_for(staff.reviewer).post(
        f"/api/claims/{claim.pk}/signature/", [None, None], content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["无效数据。期待为字典类型，得到的是 list 。"]}
