"""Hole 1 of issue 11: the API skipped the second factor. People use the API with the
session of the pages (password, then TOTP for county roles); Basic auth is not accepted; a
user authenticated any other way than through the OTP middleware counts as unverified."""

import base64
import datetime

import pytest
import time_machine
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from gonghui.accounts.permissions import IsSignedIn, IsStaffUser
from gonghui.claims.models import ClaimStatus
from gonghui.claims.tests.factories import cheng_enrolled, file_claim
from gonghui.core.models import AccessLog
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.tests import factories
from gonghui.orgs.tests.factories import PASSWORD


def basic(user) -> dict:
    token = base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
    return {"HTTP_AUTHORIZATION": f"Basic {token}"}


@pytest.mark.django_db
def test_basic_auth_reads_no_id_number(client, tree, staff):
    member = factories.member(tree.union_a1, bank_card="6222021234567890123")
    response = client.get(f"/api/members/{member.pk}/sensitive/", **basic(staff.admin))
    assert response.status_code in (401, 403)
    assert member.id_number not in response.content.decode()
    assert not AccessLog.objects.exists()


@pytest.mark.django_db
def test_basic_auth_approves_no_claim(client, tree, staff):
    with time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=False):
        cheng, _period = cheng_enrolled(tree)
        claim = file_claim(member_user(cheng), cheng)
        assert claim.status == ClaimStatus.IN_REVIEW
        response = client.post(
            f"/api/claims/{claim.pk}/approve/",
            {"note": "x"},
            content_type="application/json",
            **basic(staff.reviewer),
        )
    assert response.status_code in (401, 403)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_REVIEW


@pytest.mark.django_db
@pytest.mark.parametrize("permission", [IsStaffUser, IsSignedIn])
def test_a_user_the_otp_middleware_never_saw_is_unverified(staff, permission):
    """Whatever authentication a view may declare one day, a user it hands over without
    django-otp's verification is refused when their role sees full sensitive data; the
    auditor (masked data only, no TOTP) is not."""
    for user, allowed in (
        (staff.reviewer, False),
        (staff.admin, False),
        (staff.union_a1, False),
        (staff.town_a, False),
        (staff.auditor, True),
    ):
        drf_request = Request(APIRequestFactory().get("/api/members/"))
        drf_request.user = user
        assert permission().has_permission(drf_request, None) is allowed, user.role


@pytest.mark.django_db
def test_schema_and_docs_need_the_second_factor(client, staff):
    client.force_login(staff.reviewer)
    assert client.get("/api/schema/").status_code == 403
    assert client.get("/api/docs/").status_code == 403
    assert client.get("/api/").status_code == 403


@pytest.mark.django_db
def test_django_admin_needs_the_second_factor(client, staff):
    staff.admin.is_staff = staff.admin.is_superuser = True
    staff.admin.save(update_fields=["is_staff", "is_superuser"])
    client.force_login(staff.admin)
    response = client.get("/admin/notify/smsmessage/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
