"""Test fixtures shared by every app: an organisation tree with users of every role, signed-in
clients, and Debian's Chromium for browser tests. The environment is set by gonghui.testenv."""

import os

import pytest

from gonghui.orgs.tests.factories import build_tree, make_staff

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def sms_sent():
    """What phones received (the locmem SMS backend), fresh for each test."""
    from gonghui.notify.backends import LocmemBackend

    LocmemBackend.sent.clear()
    return LocmemBackend.sent


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded and generated files (claim photos, imports, the demo's) go to a fresh folder
    per test, never to ./var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def staff(tree):
    """A user of every role, at the node their role works at."""
    return make_staff(tree)


@pytest.fixture
def switch_on(db):
    """Switch an optional service on (or off) for a federation, as its county administrator
    would on the 服务开关 page: optional services start off in a new federation."""
    from gonghui.core.services import service_switch_set

    def switch(federation, key, enabled=True):
        return service_switch_set(actor=None, federation=federation, key=key, enabled=enabled)

    return switch


@pytest.fixture
def trial_service(settings):
    """A test-only optional service, "trial" (gonghui/core/tests/trial_service.py), registered
    with its pages for one test: the switch tried before the real optional apps exist."""
    from gonghui.core import registry
    from gonghui.core.tests import trial_service as trial

    settings.ROOT_URLCONF = "gonghui.core.tests.trial_service"
    registry.register(trial.SERVICE)
    trial.HOLDERS.clear()
    yield trial
    registry.unregister(trial.SERVICE.key)
    trial.HOLDERS.clear()


@pytest.fixture
def client_for(client):
    """Sign a Django test client in as a user (with the second factor their role needs)."""
    from gonghui.accounts.testing import sign_in

    return lambda user: sign_in(client, user)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian's chromium is missing: run `make test`, which installs it.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone_page(browser):
    """A phone-sized page (as inside WeChat on a cheap Android phone)."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
