"""The screenshot review: Chromium photographs the main pages of every demo role (the member's
at 360 px, each staff role's menu pages at 1366 px) into var/screenshots/review/ (ignored by
git) for a person to look at before an issue is resolved. The test itself fails on what a
photograph would show at once: an error page, a page wider than the screen, a script error."""

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from gonghui.accounts.models import User
from gonghui.core.tests.test_browser_csp import browse
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.demo import DEMO_MEMBER_MOBILE
from gonghui.orgs.models import Member

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "review"
STAFF_ROLES = ["union", "town", "reviewer", "finance", "admin", "auditor"]
# The member's pages beyond the home's tiles.
MEMBER_PAGES = ["/m/", "/m/me/", "/m/mutual-aid/quote/", "/m/claims/new/", "/m/hardship/progress/"]
PER_ROLE = 14


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-") or "home"


def photograph(page, url: str, name: str, width: int) -> list[str]:
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    problems = []
    if response is None or response.status >= 400:
        problems.append(f"{name}: answers {response and response.status}")
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width + 1:
        problems.append(f"{name}: {wide} px wide on a {width} px screen")
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    return problems


def menu_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "nav .nav-link[href^='/'], nav .dropdown-item[href^='/']",
        "links => links.map(a => a.getAttribute('href'))",
    )
    return list(dict.fromkeys(href for href in hrefs if "/api/" not in href))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_screenshot_review_of_every_roles_main_pages(live_server, browser, client):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    call_command("load_demo", stdout=io.StringIO())
    problems = []
    member = Member.objects.get(mobile=DEMO_MEMBER_MOBILE)
    worker = member.user or member_user(member)
    context, page, console = browse(browser, live_server, client, worker, phone=True)
    page.goto(f"{live_server.url}/m/")
    tiles = page.eval_on_selector_all(
        ".portal-tile", "tiles => tiles.map(a => a.getAttribute('href'))"
    )
    assert len(tiles) >= 4
    for path in dict.fromkeys([*MEMBER_PAGES[:1], *tiles, *MEMBER_PAGES[1:]]):
        problems += photograph(page, live_server.url + path, f"member-360-{slug(path)}", 360)
    problems += console
    context.close()
    for username in STAFF_ROLES:
        user = User.objects.get(username=username)
        context, page, console = browse(browser, live_server, client, user)
        page.set_viewport_size({"width": 1366, "height": 768})
        problems += photograph(
            page, f"{live_server.url}/staff/", f"staff-1366-{username}-home", 1366
        )
        links = menu_links(page)
        assert len(links) >= 3, username
        for path in links[1 : PER_ROLE + 1]:
            problems += photograph(
                page, live_server.url + path, f"staff-1366-{username}-{slug(path)}", 1366
            )
        problems += console
        context.close()
    shots = list(SHOTS.glob("*.png"))
    assert len(shots) >= 40
    assert not problems, "\n".join(problems)
