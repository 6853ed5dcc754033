import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.orgs.tests.factories import PASSWORD


@pytest.mark.django_db
def test_the_auditor_signs_in_with_a_password_alone(client, staff):
    """The auditor reads masked data and the audit log: a password is enough."""
    response = client.post(
        "/accounts/login/", {"username": staff.auditor.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


@pytest.mark.django_db
def test_union_staff_see_full_id_numbers_so_they_pass_totp_too(client, staff):
    client.post("/accounts/login/", {"username": staff.union_a1.username, "password": PASSWORD})
    assert client.get("/staff/members/")["Location"] == "/accounts/otp/?next=/staff/members/"
    assert client.get("/api/members/").status_code == 403


@pytest.mark.django_db
def test_failed_sign_ins_are_throttled(client, staff):
    for _ in range(5):
        client.post("/accounts/login/", {"username": staff.union_a1.username, "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": staff.union_a1.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert client.get("/staff/").status_code == 302


@pytest.mark.django_db
def test_county_role_must_enrol_and_pass_totp(client, staff):
    client.post("/accounts/login/", {"username": staff.reviewer.username, "password": PASSWORD})
    assert client.get("/staff/claims/")["Location"] == "/accounts/otp/?next=/staff/claims/"
    assert client.get("/api/members/").status_code == 403
    page = client.get("/accounts/otp/").content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=staff.reviewer)
    assert not device.confirmed
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    wrong = "000000" if token != "000000" else "111111"
    assert "alert-danger" in client.post("/accounts/otp/", {"token": wrong}).content.decode()
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    response = client.post("/accounts/otp/?next=/staff/claims/", {"token": token})
    assert response["Location"] == "/staff/claims/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/staff/").status_code == 200
    assert client.get("/api/members/").status_code == 200
