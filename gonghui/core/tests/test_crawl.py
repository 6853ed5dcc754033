"""The crawl: every demo role, signed in as it would be (the member by an SMS code, county roles
with their TOTP device), walks every page it reaches by links from its home. No page may answer
an error, show a missing template variable, or show English words. Pages added later are
reached through their links and held to the same."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from gonghui.accounts import roles
from gonghui.accounts.models import User
from gonghui.core.tests import crawler

pytestmark = [pytest.mark.xdist_group("crawl"), pytest.mark.django_db]

STAFF_ROLES = ["union", "town", "reviewer", "reviewer2", "finance", "admin", "auditor"]


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """load_demo once for the module, inside a transaction rolled back at its end; each test
    runs in a savepoint of it."""
    media = tmp_path_factory.mktemp("crawl-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
            yield media
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def crawl_settings(demo_data, settings):
    settings.MEDIA_ROOT = demo_data
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["OPTIONS"] = {
        **templates[0]["OPTIONS"],
        "string_if_invalid": crawler.INVALID_MARKER,
    }
    settings.TEMPLATES = templates
    settings.DEBUG = False
    return settings


def staff_client(username: str) -> Client:
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    if roles.needs_second_factor(user):
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def member_client(sms_sent) -> Client:
    from gonghui.orgs.demo import DEMO_MEMBER_MOBILE

    client = Client()
    client.post("/m/login/", {"step": "send", "mobile": DEMO_MEMBER_MOBILE})
    text = sms_sent[-1][1]
    code = re.search(r"\d{6}", text).group()
    answer = client.post(
        "/m/login/", {"step": "verify", "mobile": DEMO_MEMBER_MOBILE, "code": code}
    )
    assert answer.status_code == 302, answer.content.decode()[:500]
    return client


def report(role: str, result: crawler.Crawl) -> str:
    line = (
        f"crawl {role}: {result.pages} pages, {result.exports} exports, "
        f"{result.requests} requests, "
        f"{result.seconds:.1f} s, statuses {dict(result.statuses)}"
    )
    print(line)
    return line


def test_crawl_member_pages(crawl_settings, sms_sent):
    client = member_client(sms_sent)
    result = crawler.crawl(client, "/m/")
    report("member", result)
    assert result.pages >= 10
    assert result.problems == [], "\n".join(result.problems)


@pytest.mark.parametrize("username", ["gridman", "lawyer"])
def test_crawl_grid_helper_pages(crawl_settings, username):
    """The union grid's helpers (gonghui.grid): a grid member sees its enterprise's cases, a
    lawyer the legal questions; their pages start at /staff/ too."""
    client = staff_client(username)
    result = crawler.crawl(client, "/staff/")
    report(username, result)
    assert result.pages >= 5
    assert result.problems == [], "\n".join(result.problems)


@pytest.mark.parametrize("username", STAFF_ROLES)
def test_crawl_staff_pages(crawl_settings, username):
    client = staff_client(username)
    result = crawler.crawl(client, "/staff/")
    report(username, result)
    assert result.pages >= 10
    assert result.problems == [], "\n".join(result.problems)
