"""The review workbench by page: the queue with its filters and waiting times, the claim page
(documents beside the computation, logged as a view of the diagnosis), decisions, filing at
the service window, payouts, figures and the SMS texts; staff reach only their subtree."""

import datetime

from django.utils import timezone

from gonghui.claims.models import Claim, ClaimStatus, SmsTemplate
from gonghui.claims.tests.factories import file_claim, photo
from gonghui.core.models import AccessLog
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.notify.models import SmsMessage


def test_queue_filters_and_waiting_time(client_for, staff, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)
    three_days_ago = timezone.now() - datetime.timedelta(days=3)
    Claim.objects.filter(pk=claim.pk).update(status_changed_at=three_days_ago)
    client = client_for(staff.reviewer)
    page = client.get("/staff/claims/").content.decode()
    assert f'data-claim="{claim.reference}"' in page and "3 天 0 小时" in page
    assert claim.reference in client.get("/staff/claims/?waited_days=2").content.decode()
    assert claim.reference not in client.get("/staff/claims/?waited_days=4").content.decode()
    assert claim.reference in client.get("/staff/claims/?plan=CRITICAL").content.decode()
    assert claim.reference not in client.get("/staff/claims/?plan=MATERNITY").content.decode()
    assert claim.reference not in client.get("/staff/claims/?amount_min=10000").content.decode()
    assert claim.reference in client.get("/staff/claims/?amount_max=10000").content.decode()
    assert claim.reference not in client.get("/staff/claims/?status=approved").content.decode()


def test_claim_page_shows_documents_beside_the_trace_and_logs_the_view(
    client_for, staff, cheng_user, cheng
):
    claim = file_claim(cheng_user, cheng)
    client = client_for(staff.reviewer)
    page = client.get(f"/staff/claims/{claim.pk}/").content.decode()
    assert 'id="doc-stage"' in page and page.count("data-doc ") == 4
    assert "4,601.226" in page and 'data-figure="total">9,961' in page
    assert "缺少：病理报告" in page and "T2021-v1" in page
    material = claim.materials.exclude(kind="application_form").first()
    assert client.get(f"/staff/claims/{claim.pk}/files/{material.pk}/").status_code == 200
    logs = AccessLog.objects.filter(action=AccessLog.Action.VIEW_DIAGNOSIS, user=staff.reviewer)
    assert logs.count() == 1 and logs.get().subject_id == str(claim.pk)
    AccessLog.objects.update(at=timezone.now() - datetime.timedelta(minutes=11))
    assert client.get(f"/staff/claims/{claim.pk}/files/{material.pk}/").status_code == 200
    assert logs.count() == 2  # a later look is logged again


def test_decisions_by_page(client_for, staff, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)
    client = client_for(staff.reviewer)
    client.post(
        f"/staff/claims/{claim.pk}/correct/",
        {"field": "self_responsibility", "value": "7000", "reason": "看错了"},
    )
    claim.refresh_from_db()
    assert claim.amount == 9560
    client.post(f"/staff/claims/{claim.pk}/return/", {"materials": ["pathology_report"]})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURNED


def test_staff_reach_only_their_subtree(client_for, staff, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)  # a member of union A1, town A
    assert client_for(staff.town_b).get(f"/staff/claims/{claim.pk}/").status_code == 404
    assert claim.reference not in client_for(staff.town_b).get("/staff/claims/").content.decode()
    assert client_for(staff.town_a).get(f"/staff/claims/{claim.pk}/").status_code == 200
    assert client_for(staff.auditor).get(f"/staff/claims/{claim.pk}/").status_code == 403
    assert client_for(staff.reviewer).get("/staff/claims/payouts/").status_code == 403


def test_union_staff_file_at_the_window(
    client_for, staff, cheng, django_capture_on_commit_callbacks
):
    client = client_for(staff.union_a1)
    found = client.get("/staff/claims/new/", {"query": "程先生"}).content.decode()
    assert f'data-member="{cheng.pk}"' in found
    response = client.post(
        f"/staff/claims/new/{cheng.pk}/birth/", {"event_type": "birth", "birth_date": "2021-05-02"}
    )
    claim = cheng.claims.get()
    assert response["Location"] == f"/staff/claims/{claim.pk}/materials/"
    client.post(
        f"/staff/claims/{claim.pk}/materials/", {"kind": "birth_certificate", "files": [photo()]}
    )
    assert claim.materials.count() == 1
    assert claim.channel == "window" and claim.filed_by == staff.union_a1


def test_admin_edits_sms_texts(
    client_for, staff, cheng_user, cheng, django_capture_on_commit_callbacks
):
    client = client_for(staff.admin)
    page = client.get("/staff/claims/sms-templates/").content.decode()
    # Staff read and type the placeholders' Chinese names, never the codes.
    assert "{申请号}" in page and "{reference}" not in page
    assert '会员手机上显示为： <span class="text-dark">【数智工会】程先生您好' in page
    client.post(
        "/staff/claims/sms-templates/",
        {"kind": "claim_submitted", "text": "{姓名}，申请{申请号}已收到。"},
    )
    saved = SmsTemplate.objects.get()
    assert saved.updated_by == staff.admin and saved.text == "{name}，申请{reference}已收到。"
    bad = client.post(
        "/staff/claims/sms-templates/",
        {"kind": "claim_paid", "text": "{name.__class__}"},
        follow=True,
    ).content.decode()
    assert "不认识的替换项" in bad
    signed = client.post(
        "/staff/claims/sms-templates/",
        {"kind": "claim_paid", "text": "【路桥工会】{姓名}，钱已到账。"},
    ).content.decode()
    # Refused with the reason, and what was typed is still in its box.
    assert (
        "由系统自动加在每条短信开头" in signed
        and "【路桥工会】{姓名}，钱已到账。</textarea>" in signed
    )
    assert SmsTemplate.objects.count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        claim = file_claim(cheng_user, cheng)
    assert SmsMessage.objects.get().body == f"【数智工会】程先生，申请{claim.reference}已收到。"
    assert client_for(staff.reviewer).get("/staff/claims/sms-templates/").status_code == 403


def test_figures_page(client_for, staff, cheng_user, cheng):
    from gonghui.claims import services

    claim = file_claim(cheng_user, cheng)
    services.claim_approve(actor=staff.reviewer, claim=claim)
    batch = services.payout_batch_create(actor=staff.finance)
    services.payout_batch_mark_paid(actor=staff.finance, batch=batch)
    page = client_for(staff.admin).get("/staff/claims/figures/").content.decode()
    assert 'data-figure="paid-count">1<' in page and 'data-figure="paid-amount">9,961<' in page
    assert "100.0% 在 2 天内" in page


def test_member_cannot_open_staff_pages(client, cheng_user):
    client.force_login(cheng_user)
    assert client.get("/staff/claims/").status_code == 403


__all__ = ["member_user"]
