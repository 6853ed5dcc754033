"""For tests: a Django test client signed in as a user, with the second factor its role needs
already passed (as the TOTP page leaves the session)."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts import roles


def sign_in(client, user):
    client.force_login(user)
    if roles.needs_second_factor(user):
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="test", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def totp_device(user) -> TOTPDevice:
    """The user's authenticator. Browser tests make it before the browsing starts: the
    in-memory SQLite test database does not let a write wait for the live server's readers."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True)
    return device


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def sign_in_page(page, base_url, user, password):
    """Sign a Playwright page in through the login page and, when the role needs it, the
    second-factor page with the current code of the user's authenticator."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state("load")
    if "/accounts/otp/" in page.url:
        page.fill("input[name=token]", current_token(TOTPDevice.objects.get(user=user)))
        page.click("form button[type=submit]")
        page.wait_for_load_state("load")
    return page
