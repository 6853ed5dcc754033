"""The pages and the API of appeals and 代办: the 申诉 button on the refused item, the member's
appeals and their progress, the staff queue scoped to the subtree with its Excel export, the
decision page refused to the refuser, and the member's 代办 page listing what staff can do."""

import datetime
import io

import openpyxl
import pytest
from django.test import Client

from gonghui.accounts.models import Role
from gonghui.accounts.testing import sign_in
from gonghui.appeals.models import Appeal
from gonghui.claims import services as claim_services
from gonghui.claims.models import ClaimStatus
from gonghui.claims.tests.factories import file_claim
from gonghui.hardship.services import files as file_services
from gonghui.hardship.tests.factories import applied_file, set_standard
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.tests.factories import UserFactory, member

pytestmark = pytest.mark.django_db


def rejected(cheng_user, cheng, reviewer):
    claim = file_claim(cheng_user, cheng)
    claim_services.claim_reject(actor=reviewer, claim=claim, reason="OTHER", note="发票不清晰")
    return claim


def signed_in(user):
    return sign_in(Client(), user)


def test_the_member_appeals_a_rejected_claim_from_its_page_and_follows_it(
    tree, staff, cheng, cheng_user, django_capture_on_commit_callbacks
):
    claim = rejected(cheng_user, cheng, staff.reviewer)
    phone = signed_in(cheng_user)
    page = phone.get(f"/m/claims/{claim.pk}/").content.decode()
    assert 'data-testid="appeal-button"' in page and "我要申诉" in page
    rejection = claim.events.order_by("-at", "-id").first()
    new_url = f"/m/appeals/new/claims.rejection/{rejection.pk}/"
    assert new_url in page
    form = phone.get(new_url).content.decode()
    assert "每个决定只能申诉一次" in form and "发票不清晰" in form
    empty = phone.post(new_url, {"reason": ""})
    assert empty.status_code == 200 and "请填写申诉理由" in empty.content.decode()
    assert not Appeal.objects.exists()
    response = phone.post(new_url, {"reason": "发票原件已补拍"})
    appeal = Appeal.objects.get()
    assert response["Location"] == f"/m/appeals/{appeal.pk}/"
    detail = phone.get(response["Location"]).content.decode()
    assert "已提出，等待裁决" in detail and "发票原件已补拍" in detail
    # Once: the claim page now shows the appeal, and the form leads back to it.
    page = phone.get(f"/m/claims/{claim.pk}/").content.decode()
    assert 'data-testid="appeal-state"' in page and 'data-testid="appeal-button"' not in page
    assert phone.get(new_url)["Location"] == f"/m/appeals/{appeal.pk}/"
    # Another member cannot open it.
    other = member_user(member(tree.union_a1))
    assert signed_in(other).get(f"/m/appeals/{appeal.pk}/").status_code == 404
    assert signed_in(other).get(new_url).status_code == 404

    # Staff: the refuser sees it but cannot decide; another reviewer decides on the page.
    refuser = signed_in(staff.reviewer)
    page = refuser.get(f"/staff/appeals/{appeal.pk}/").content.decode()
    assert 'data-testid="cannot-decide"' in page and "须由其他同事裁决" in page
    assert (
        refuser.post(
            f"/staff/appeals/{appeal.pk}/", {"decision": "uphold", "note": "同意"}
        ).status_code
        == 403
    )
    second = signed_in(UserFactory(role=Role.COUNTY_REVIEWER, org=tree.county))
    missing_note = second.post(f"/staff/appeals/{appeal.pk}/", {"decision": "uphold"})
    assert "请向会员说明裁决理由" in missing_note.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = second.post(
            f"/staff/appeals/{appeal.pk}/", {"decision": "uphold", "note": "补拍发票清晰"}
        )
    assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW
    mine = phone.get("/m/appeals/").content.decode()
    assert 'data-status="upheld"' in mine and "申诉成立" in mine


def test_the_queue_is_scoped_exported_and_offered_through_the_api(
    tree, staff, django_capture_on_commit_callbacks
):
    set_standard(staff, tree)
    file = applied_file(staff, tree)
    file_services.file_return(actor=staff.union_a1, file=file, reason="缺收入证明")
    returned = file.events.order_by("-at", "-id").first()
    worker = member_user(file.member)
    phone = signed_in(worker)
    # A short list, whole: also with a page number asked (the API fuzzing sent ?page=0).
    assert (
        phone.get("/api/me/appeals/refusals/?page=0").json()
        == phone.get("/api/me/appeals/refusals/").json()
    )
    refusals = phone.get("/api/me/appeals/refusals/").json()
    assert [(r["kind"], r["object_id"]) for r in refusals] == [("hardship.return", returned.pk)]
    filed = phone.post(
        "/api/me/appeals/",
        {"kind": "hardship.return", "object_id": returned.pk, "reason": "证明已开具"},
        content_type="application/json",
    )
    assert filed.status_code == 201, filed.content
    again = phone.post(
        "/api/me/appeals/",
        {"kind": "hardship.return", "object_id": returned.pk, "reason": "再次"},
        content_type="application/json",
    )
    assert again.status_code == 400 and "只能申诉一次" in again.json()[0]
    appeal_id = filed.json()["id"]

    town_a, town_b = signed_in(staff.town_a), signed_in(staff.town_b)
    assert f'data-appeal="{appeal_id}"' in town_a.get("/staff/appeals/").content.decode()
    assert f'data-appeal="{appeal_id}"' not in town_b.get("/staff/appeals/").content.decode()
    assert town_b.get(f"/staff/appeals/{appeal_id}/").status_code == 404
    assert town_b.get("/api/appeals/").json()["count"] == 0
    assert (
        town_b.post(
            f"/api/appeals/{appeal_id}/decide/",
            {"decision": "uphold", "note": "x"},
            content_type="application/json",
        ).status_code
        == 404
    )
    for role in ("auditor", "finance"):  # masked data only / decides no appeal
        other = signed_in(getattr(staff, role))
        assert other.get("/staff/appeals/").status_code == 403
        assert other.get(f"/staff/appeals/{appeal_id}/").status_code == 403
        assert other.get(f"/api/appeals/{appeal_id}/").status_code == 403
    export = town_a.get("/staff/appeals/", {"export": "xlsx"})
    assert export["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("编号", "会员", "工会", "申诉事项")
    assert rows[1][0] == f"SS{appeal_id:06d}" and rows[1][4] == "证明已开具"
    # The union staff who returned it cannot decide; the town decides through the API.
    refused = signed_in(staff.union_a1).post(
        f"/api/appeals/{appeal_id}/decide/",
        {"decision": "uphold", "note": "同意"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        decided = town_a.post(
            f"/api/appeals/{appeal_id}/decide/",
            {"decision": "uphold", "note": "退回理由不成立"},
            content_type="application/json",
        )
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "upheld"
    file.refresh_from_db()
    assert file.status == "applied"
    assert phone.get(f"/api/me/appeals/{appeal_id}/").json()["status"] == "upheld"


def test_the_members_proxy_page_lists_what_staff_can_do_and_records_it(
    tree, staff, cheng, cheng_user
):
    claim = rejected(cheng_user, cheng, staff.reviewer)
    union = signed_in(staff.union_a1)
    member_page = union.get(f"/staff/members/{cheng.pk}/").content.decode()
    assert f'href="/staff/members/{cheng.pk}/proxy/"' in member_page
    page = union.get(f"/staff/members/{cheng.pk}/proxy/").content.decode()
    assert 'data-service="claims"' in page and f"/staff/claims/new/{cheng.pk}/inpatient/" in page
    assert f"/staff/hardship/new/?member={cheng.pk}" in page
    rejection = claim.events.order_by("-at", "-id").first()
    appeal_url = f"/staff/appeals/file/claims.rejection/{rejection.pk}/"
    assert appeal_url in page
    assert union.get(appeal_url).status_code == 200
    response = union.post(appeal_url, {"reason": "会员到窗口称发票已补"})
    appeal = Appeal.objects.get()
    assert response["Location"] == f"/staff/appeals/{appeal.pk}/"
    assert (appeal.on_behalf, appeal.filed_by) == (True, staff.union_a1)
    # The member sees the 代办 badge on their appeal.
    mine = signed_in(cheng_user).get(f"/m/appeals/{appeal.pk}/").content.decode()
    assert 'data-proxy="1"' in mine and ">代办</span>" in mine
    # Staff outside the member's subtree reach neither the page nor the filing.
    town_b = signed_in(staff.town_b)
    assert town_b.get(f"/staff/members/{cheng.pk}/proxy/").status_code == 404


def test_a_claim_sent_at_the_window_is_recorded_and_shown_as_proxy(tree, staff, cheng, cheng_user):
    window = file_claim(staff.union_a1, cheng)
    sent = window.events.get(new_status="submitted")
    assert sent.on_behalf is True
    own = file_claim(
        cheng_user,
        cheng,
        facts={
            "event_type": "birth",
            "birth_date": datetime.date(2021, 5, 2),
        },
        materials=("birth_certificate",),
    )
    assert own.events.get(new_status="submitted").on_behalf is False
    phone = signed_in(cheng_user)
    assert 'data-proxy="1"' in phone.get(f"/m/claims/{window.pk}/").content.decode()
    assert 'data-proxy="1"' not in phone.get(f"/m/claims/{own.pk}/").content.decode()
    queue = signed_in(staff.reviewer).get("/staff/claims/").content.decode()
    assert queue.count('data-proxy="1"') == 1


def test_a_hardship_application_made_by_staff_is_badged_on_the_workers_progress(tree, staff):
    set_standard(staff, tree)
    file = applied_file(staff, tree)
    assert file.events.get().on_behalf is True
    page = signed_in(member_user(file.member)).get("/m/hardship/progress/").content.decode()
    assert page.count('data-proxy="1"') == 1
    staff_list = signed_in(staff.union_a1).get("/staff/hardship/").content.decode()
    assert 'data-proxy="1"' in staff_list
