"""Staff passwords: any signed-in staff member changes their own (Django's validators with
issue 11's rules); an administrator of their subtree resets a forgotten one to a temporary
password shown once, and the owner must choose their own before any other page or the API
answers. Every change and reset leaves an event row."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts import roles, services
from gonghui.accounts.models import AccountEvent, Role
from gonghui.orgs.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
NEW = "Qiang-Gonghui-Mima-7"
TEMPORARY = re.compile(r"^[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}$")


def signed_in(user, *, second_factor=True) -> Client:
    """A browser of its own, signed in with the password and, when the role needs it, the
    TOTP code of a confirmed device (unless `second_factor` is False)."""
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    if second_factor and roles.needs_second_factor(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="phone", confirmed=True)
        pass_totp(client, device)
    return client


def pass_totp(client, device, next_url="/staff/"):
    token = f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"
    response = client.post(f"/accounts/otp/?next={next_url}", {"token": token})
    assert response["Location"] == next_url


def change(client, old=PASSWORD, new=NEW, again=None):
    return client.post(
        "/accounts/password/",
        {"old_password": old, "new_password": new, "new_password_again": again or new},
    )


def reset(client, account) -> str:
    page = client.post(f"/staff/accounts/{account.pk}/reset-password/").content.decode()
    return re.search(r'data-testid="temporary-password">([^<]+)<', page)[1]


def test_staff_member_changes_own_password_and_stays_signed_in(staff):
    client = signed_in(staff.union_a1)
    response = change(client)
    assert response["Location"] == "/staff/"
    staff.union_a1.refresh_from_db()
    assert staff.union_a1.check_password(NEW)
    assert client.get("/staff/members/").status_code == 200  # the session survived
    event = AccountEvent.objects.get()
    assert (event.user, event.actor, event.action) == (
        staff.union_a1,
        staff.union_a1,
        AccountEvent.Action.PASSWORD_CHANGED,
    )
    assert event.ip_address == "127.0.0.1"


def test_password_change_refuses_a_wrong_current_password(staff):
    page = change(signed_in(staff.town_a), old="not-my-password").content.decode()
    assert "当前密码不正确" in page
    staff.town_a.refresh_from_db()
    assert staff.town_a.check_password(PASSWORD) and not AccountEvent.objects.exists()


@pytest.mark.parametrize(
    ("weak", "message"),
    [
        ("Ab3-short", "密码太短：至少需要 10 个字符"),
        ("Gonghui20261205", "不能包含日期"),
        ("zz13900000001", "不能包含手机号"),
        ("union1234567", "太常见"),
        ("38201749563", "密码只包含数字"),
    ],
)
def test_password_change_applies_the_strict_validators(staff, weak, message):
    page = change(signed_in(staff.town_a), new=weak).content.decode()
    assert message in page
    staff.town_a.refresh_from_db()
    assert staff.town_a.check_password(PASSWORD)


def test_password_change_needs_the_new_password_twice_and_a_new_one(staff):
    client = signed_in(staff.town_a)
    assert "两次输入的新密码不一致" in change(client, again=NEW + "x").content.decode()
    assert "请设置一个与当前密码不同的密码" in change(client, new=PASSWORD).content.decode()
    staff.town_a.refresh_from_db()
    assert staff.town_a.check_password(PASSWORD)


@pytest.mark.parametrize("role", ["union_a1", "town_a", "reviewer", "finance", "admin", "auditor"])
def test_password_change_page_opens_for_every_staff_role(staff, client_for, role):
    page = client_for(getattr(staff, role)).get("/accounts/password/").content.decode()
    assert "修改密码" in page and 'name="new_password_again"' in page
    assert "至少 10 个字符" in page  # the rules are shown before they refuse anything


@pytest.mark.parametrize("role", ["reviewer", "union_a1", "town_a"])
def test_password_change_page_asks_for_the_second_factor_of_roles_that_see_full_data(staff, role):
    response = signed_in(getattr(staff, role), second_factor=False).get("/accounts/password/")
    assert response["Location"] == "/accounts/otp/?next=/accounts/password/"


def test_password_change_and_accounts_in_the_user_menu(staff, client_for):
    admin = client_for(staff.admin).get("/staff/").content.decode()
    assert 'href="/accounts/password/"' in admin and 'href="/staff/accounts/"' in admin
    town = client_for(staff.town_a).get("/staff/").content.decode()
    assert 'href="/accounts/password/"' in town and 'href="/staff/accounts/"' in town
    union = client_for(staff.union_a1).get("/staff/").content.decode()
    assert 'href="/accounts/password/"' in union and 'href="/staff/accounts/"' not in union


def test_county_admin_resets_a_password_to_a_temporary_one_shown_once(staff, client_for):
    response = client_for(staff.admin).post(f"/staff/accounts/{staff.town_a.pk}/reset-password/")
    page = response.content.decode()
    temporary = re.search(r'data-testid="temporary-password">([^<]+)<', page)[1]
    assert TEMPORARY.match(temporary) and page.count(temporary) == 1
    assert temporary not in str(response.cookies) and temporary not in str(response.headers)
    staff.town_a.refresh_from_db()
    assert staff.town_a.must_change_password
    assert staff.town_a.check_password(temporary) and not staff.town_a.check_password(PASSWORD)
    event = AccountEvent.objects.get()
    assert (event.user, event.actor, event.action) == (
        staff.town_a,
        staff.admin,
        AccountEvent.Action.PASSWORD_RESET,
    )
    accounts = client_for(staff.admin).get("/staff/accounts/").content.decode()
    assert "重置为临时密码" in accounts and "临时密码，尚未修改" in accounts


def test_password_reset_is_a_post_only(staff, client_for):
    client = client_for(staff.admin)
    assert client.get(f"/staff/accounts/{staff.town_a.pk}/reset-password/").status_code == 405
    assert not AccountEvent.objects.exists()


def test_password_reset_ends_the_owners_other_sessions(staff, client_for):
    theirs = signed_in(staff.town_a)
    assert theirs.get("/staff/").status_code == 200
    reset(client_for(staff.admin), staff.town_a)
    assert theirs.get("/staff/")["Location"].startswith("/accounts/login/")


def test_password_reset_forces_a_change_before_any_page_or_the_api(staff, client_for):
    temporary = reset(client_for(staff.admin), staff.union_a1)
    client = Client()
    login = {"username": staff.union_a1.username, "password": temporary}
    assert client.post("/accounts/login/", login).status_code == 302
    for url in ("/staff/", "/staff/members/", "/staff/claims/", "/m/"):
        assert client.get(url)["Location"] == "/accounts/password/", url
    api = client.get("/api/members/")
    assert api.status_code == 403 and "请先在网页上设置新密码" in api.json()["detail"]
    client.get("/accounts/otp/")  # union staff see full ID numbers: TOTP before the change
    pass_totp(client, TOTPDevice.objects.get(user=staff.union_a1), "/accounts/password/")
    page = client.get("/accounts/password/").content.decode()
    assert 'data-testid="must-change"' in page and "临时密码" in page
    assert change(client, old=temporary)["Location"] == "/staff/"
    staff.union_a1.refresh_from_db()
    assert not staff.union_a1.must_change_password and staff.union_a1.check_password(NEW)
    assert client.get("/staff/members/").status_code == 200
    assert client.get("/api/members/").status_code == 200


def test_password_reset_of_a_county_role_passes_the_second_factor_then_the_change(
    staff, client_for
):
    temporary = reset(client_for(staff.admin), staff.reviewer)
    client = Client()
    client.post("/accounts/login/", {"username": staff.reviewer.username, "password": temporary})
    assert client.get("/staff/")["Location"] == "/accounts/password/"
    assert (
        client.get("/accounts/password/")["Location"] == "/accounts/otp/?next=/accounts/password/"
    )
    client.get("/accounts/otp/")  # enrols the device
    pass_totp(client, TOTPDevice.objects.get(user=staff.reviewer), "/accounts/password/")
    assert change(client, old=temporary)["Location"] == "/staff/"
    assert client.get("/staff/claims/").status_code == 200


def test_town_staff_reset_passwords_of_union_staff_below_them_only(staff, tree, client_for):
    client = client_for(staff.town_a)
    temporary = reset(client, staff.union_a1)
    staff.union_a1.refresh_from_db()
    assert staff.union_a1.check_password(temporary)
    colleague = UserFactory(role=Role.TOWN_STAFF, org=tree.town_a)
    union_b = UserFactory(role=Role.UNION_STAFF, org=tree.union_b1)
    assert client.post(f"/staff/accounts/{colleague.pk}/reset-password/").status_code == 403
    for other in (staff.town_b, union_b, staff.reviewer, staff.admin):
        assert client.post(f"/staff/accounts/{other.pk}/reset-password/").status_code == 404
    page = client.get("/staff/accounts/").content.decode()
    assert f'data-account="{staff.union_a1.username}"' in page
    assert f'data-account="{union_b.username}"' not in page
    assert AccountEvent.objects.count() == 1


@pytest.mark.parametrize("role", ["union_a1", "reviewer", "finance", "auditor"])
def test_password_reset_is_refused_to_roles_that_administer_no_accounts(staff, client_for, role):
    client = client_for(getattr(staff, role))
    assert client.get("/staff/accounts/").status_code == 403
    assert client.post(f"/staff/accounts/{staff.town_a.pk}/reset-password/").status_code == 404
    staff.town_a.refresh_from_db()
    assert staff.town_a.check_password(PASSWORD) and not AccountEvent.objects.exists()


def test_password_reset_never_of_oneself_nor_of_a_django_admin_account(staff, tree, client_for):
    superuser = UserFactory(role=Role.COUNTY_ADMIN, org=tree.county, is_superuser=True)
    client = client_for(staff.admin)
    for account in (staff.admin, superuser):
        assert client.post(f"/staff/accounts/{account.pk}/reset-password/").status_code == 403
        account.refresh_from_db()
        assert account.check_password(PASSWORD)
    page = client.get("/staff/accounts/").content.decode()
    row = page[page.index(f'data-account="{superuser.username}"') :].split("</tr>")[0]
    assert "重置密码" not in row


def test_password_reset_lifts_a_lock_after_wrong_guesses(staff, client_for):
    locked = Client()
    for guess in range(5):
        locked.post(
            "/accounts/login/", {"username": staff.town_a.username, "password": f"x{guess}"}
        )
    login = {"username": staff.town_a.username, "password": PASSWORD}
    assert Client().post("/accounts/login/", login).status_code == 429
    temporary = reset(client_for(staff.admin), staff.town_a)
    login["password"] = temporary
    assert Client().post("/accounts/login/", login).status_code == 302


def test_temporary_password_passes_the_validators_and_reads_without_ambiguity(staff):
    for _ in range(20):
        temporary = services.password_reset(actor=staff.admin, user=staff.finance)
        assert TEMPORARY.match(temporary)
        validate_password(temporary, staff.finance)
    assert AccountEvent.objects.filter(action=AccountEvent.Action.PASSWORD_RESET).count() == 20
