"""Hole 11 of issue 11, the parts that are headers and settings: `check --deploy` clean under
the production environment (DJANGO_HTTPS=true), a Content-Security-Policy that allows
scripts from our static files only, no template with an inline script, frames denied, and
nothing a signed-in user is shown kept in a cache."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from gonghui.orgs.tests import factories

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_HTTPS": "true",
    "DJANGO_ALLOWED_HOSTS": "gonghui.example.gov.cn",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://gonghui.example.gov.cn",
}


def run_check(tmp_path, **env):
    environment = {
        **os.environ,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "GONGHUI_DATA_DIR": str(tmp_path),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--tag", "security"]
        + ["--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_checks_are_clean_under_https(tmp_path):
    """The security checks; `.ci/run` runs the whole `check --deploy` (the API schema's
    warnings included)."""
    result = run_check(tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_embedded_http_default_is_what_check_deploy_warns_about(tmp_path):
    result = run_check(tmp_path, **{**PRODUCTION, "DJANGO_HTTPS": "false"})
    assert result.returncode == 1
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


def directives(response) -> dict[str, list[str]]:
    parts = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {part[0]: part[1:] for part in parts if part}


@pytest.mark.django_db
def test_pages_carry_a_policy_that_allows_our_scripts_only(client_for, client, staff):
    for page in ("/", "/accounts/login/", "/m/login/"):
        response = client.get(page)
        policy = directives(response)
        assert policy["script-src"] == ["'self'"] and policy["default-src"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"] and response["X-Frame-Options"] == "DENY"
    signed_in = client_for(staff.union_a1)
    for page in ("/staff/", "/api/docs/"):
        assert directives(signed_in.get(page))["script-src"] == ["'self'"], page


TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates"] + sorted(
    Path(settings.BASE_DIR, "gonghui").glob("*/templates")
)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=|javascript:", re.IGNORECASE)


def test_no_template_carries_an_inline_script():
    """The policy would block them: behaviour lives in static files (data-* attributes and
    json_script carry the server's data)."""
    offenders = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            text = path.read_text()
            if INLINE_SCRIPT.search(text) or INLINE_HANDLER.search(text):
                offenders.append(str(path.relative_to(settings.BASE_DIR)))
    assert not offenders


@pytest.mark.django_db
def test_answers_to_signed_in_users_are_never_stored(client_for, client, tree, staff):
    member = factories.member(tree.union_a1, bank_card="6222021234567890123")
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    signed_in = client_for(staff.town_a)
    for path in (
        "/staff/",
        f"/staff/members/{member.pk}/?reveal=1",
        f"/api/members/{member.pk}/sensitive/",
        "/api/members/",
    ):
        cache_control = signed_in.get(path)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, path
