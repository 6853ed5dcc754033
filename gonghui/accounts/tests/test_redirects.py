"""Hole 5 of issue 11: no sign-in step sends the user to another site (`next`)."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.notify.tests.sent import last_code
from gonghui.orgs.tests import factories
from gonghui.orgs.tests.factories import PASSWORD

EVIL = [
    "https://evil.example.com/",
    "//evil.example.com/",
    "http:evil.example.com",
    "/\\evil.example.com",
    "https://testserver.evil.example.com/",
]


def token_for(device) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_otp_step_stays_on_the_site(client, staff, target):
    device = TOTPDevice.objects.create(user=staff.reviewer, name="phone", confirmed=True)
    client.force_login(staff.reviewer)
    response = client.post(f"/accounts/otp/?next={target}", {"token": token_for(device)})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    # Verified already: the page sends on at once, still not away.
    assert client.get(f"/accounts/otp/?next={target}")["Location"] == "/staff/"


@pytest.mark.django_db
def test_otp_step_follows_a_local_next(client, staff):
    device = TOTPDevice.objects.create(user=staff.reviewer, name="phone", confirmed=True)
    client.force_login(staff.reviewer)
    response = client.post("/accounts/otp/?next=/staff/claims/", {"token": token_for(device)})
    assert response["Location"] == "/staff/claims/"


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_staff_login_stays_on_the_site(client, staff, target):
    response = client.post(
        f"/accounts/login/?next={target}",
        {"username": staff.union_a1.username, "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_member_sms_login_stays_on_the_site(client, tree, target):
    factories.member(tree.union_a1, mobile="13900000126")
    client.post("/m/login/", {"mobile": "13900000126", "step": "send"})
    response = client.post(
        f"/m/login/?next={target}",
        {"mobile": "13900000126", "code": last_code("13900000126"), "step": "verify"},
    )
    assert response.status_code == 302 and response["Location"] == "/m/"


@pytest.mark.django_db
@pytest.mark.parametrize("target", EVIL)
def test_logout_stays_on_the_site(client, staff, target):
    client.force_login(staff.union_a1)
    response = client.post(f"/accounts/logout/?next={target}", {"next": target})
    assert response.status_code == 302 and response["Location"] == "/"
