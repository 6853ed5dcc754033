"""The Content-Security-Policy breaks no page: Chromium walks the main member and staff pages
of the demo (charts, the claim viewer, the calculator, Redoc, the admin) and the test fails
on any violation the browser reports, or any script error."""

import io

import pytest
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from gonghui.accounts.models import User
from gonghui.claims.models import Claim
from gonghui.hardship.models import Campaign, HardshipFile
from gonghui.mutual_aid.models import Period
from gonghui.orgs.demo import DEMO_MEMBER_MOBILE
from gonghui.orgs.models import Member

# Playwright's init scripts are not subject to the page's policy: this one turns every
# violation into a console error the test collects.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""


# Redoc 2.5 always asks the internet for its maker's logo; the policy blocks that (union
# networks are offline and nothing is loaded from outside), Redoc then shows no logo. The
# only violation expected.
EXPECTED = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def browse(browser, live_server, client, user, *, phone=False):
    """A browser context with the Django test client's session (the user signed in, county
    roles with their second factor passed), collecting violations and script errors."""
    if user is not None:
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    size = {"width": 360, "height": 740} if phone else {"width": 1366, "height": 900}
    context = browser.new_context(viewport=size, locale="zh-CN", is_mobile=phone)
    if user is not None:
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if ("Content Security Policy" in message.text or "CSP violation" in message.text)
            and EXPECTED not in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    return context, page, problems


def visit(page, live_server, path, problems, seen):
    response = page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    assert response.status == 200, (path, response.status)
    seen.append(path)
    return [f"{path}: {problem}" for problem in problems]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_page_breaks_the_content_security_policy(live_server, browser, client):
    call_command("load_demo", stdout=io.StringIO())
    member = Member.objects.get(mobile=DEMO_MEMBER_MOBILE)
    if member.user is None:
        from gonghui.mutual_aid.tests.factories import member_user

        member_user(member)
        member.refresh_from_db()
    admin = User.objects.get(username="admin")
    claim = Claim.objects.filter(materials__isnull=False).order_by("pk").first()
    own_claim = Claim.objects.filter(member=member).order_by("pk").first()
    pages = {
        None: ["/", "/accounts/login/", "/m/login/"],
        member.user: [
            "/m/",
            "/m/me/",
            "/m/claims/",
            "/m/claims/new/",
            "/m/mutual-aid/",
            "/m/mutual-aid/quote/",
            "/m/benefits/",
            "/m/hardship/",
        ]
        + ([f"/m/claims/{own_claim.pk}/"] if own_claim else []),
        admin: [
            "/staff/",
            "/staff/dashboard/",
            "/staff/members/",
            f"/staff/members/{member.pk}/",
            "/staff/orgs/",
            "/staff/coverage/",
            "/staff/mutual-aid/",
            "/staff/mutual-aid/quote/",
            f"/staff/mutual-aid/periods/{Period.objects.order_by('pk').first().pk}/",
            "/staff/hardship/",
            f"/staff/hardship/files/{HardshipFile.objects.order_by('pk').first().pk}/",
            f"/staff/hardship/campaigns/{Campaign.objects.order_by('pk').first().pk}/",
            "/staff/hardship/figures/",
            "/staff/claims/",
            f"/staff/claims/{claim.pk}/",
            "/staff/claims/figures/",
            "/staff/medinsure/",
            "/staff/medinsure/records/",
            "/staff/outbox/",
            "/api/docs/",
            "/admin/",
        ],
    }
    found, seen = [], []
    for user, paths in pages.items():
        phone = user is not None and user == member.user
        context, page, problems = browse(browser, live_server, client, user, phone=phone)
        for path in paths:
            found += visit(page, live_server, path, problems, seen)
            problems.clear()
            if path.endswith("/quote/"):
                # quote.js answers a click: the calculator shows the questions of a type.
                page.locator('input[name="type"]').first.check()
                found += [f"{path} (after a click): {problem}" for problem in problems]
                problems.clear()
        context.close()
    assert not found, "\n".join(found)
    assert len(seen) == sum(len(paths) for paths in pages.values())
