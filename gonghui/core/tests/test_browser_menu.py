"""The staff menu at 1366 px and the member home at 360 px, in Chromium, on the demo: today's
services, then with ten more optional areas registered (as issues 13-20 will add), so the
menu is known to stay on one line and every dropdown to fit the screen. Screenshots of each
demo role go to var/screenshots/platform/ for a person to look at."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from gonghui.accounts.models import User
from gonghui.core import registry
from gonghui.core.registry import NavEntry, Service, Tile
from gonghui.core.services import service_switch_set
from gonghui.core.tests.test_browser_csp import browse
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.demo import DEMO_MEMBER_MOBILE
from gonghui.orgs.models import Member, Organisation

# A 1366 x 768 laptop screen less the browser's own bars.
WINDOW = {"width": 1366, "height": 650}
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "platform"
ROLES = ["union", "town", "reviewer", "finance", "admin", "auditor"]
# Stand-ins for the capabilities to come, with names of their length.
FUTURE = [
    ("volunteers", "志愿服务与结对帮扶", ["志愿活动", "服务时长"]),
    ("housing", "工匠之家", ["房源与分配"]),
    ("school", "职工学校", ["课程与考试"]),
    ("venues", "工会阵地预约", ["场地预约"]),
]


@pytest.fixture
def future_services():
    services = [
        Service(
            key=key,
            name=name,
            icon="bi-stars",
            order=70 + n,
            tiles=(Tile("portal:me", name, "bi-stars"),),
            nav=tuple(NavEntry("staff:coverage", label, "services") for label in labels),
        )
        for n, (key, name, labels) in enumerate(FUTURE)
    ]
    for service in services:
        registry.register(service)
    yield services
    for service in services:
        registry.unregister(service.key)


def check_menu(page, shot: str) -> list[str]:
    """The menu on one line; each dropdown opened, inside the window, photographed."""
    problems = []
    bar = page.locator("nav.navbar").bounding_box()
    if bar["height"] > 64:
        problems.append(f"{shot}: the menu wraps ({bar['height']:.0f} px high)")
    page.screenshot(path=SHOTS / f"{shot}.png")
    for group in page.locator("li[data-menu]").all():
        key = group.get_attribute("data-menu")
        group.locator(".dropdown-toggle").click()
        box = group.locator(".dropdown-menu").bounding_box()
        fits = box and box["y"] + box["height"] <= WINDOW["height"]
        if not fits or box["x"] + box["width"] > WINDOW["width"]:
            problems.append(f"{shot}: the {key} menu does not fit the window: {box}")
        page.screenshot(path=SHOTS / f"{shot}-{key}.png")
        page.keyboard.press("Escape")
    return problems


def shoot(browser, live_server, client, worker, state: str) -> list[str]:
    problems = []
    for username in ROLES:
        user = User.objects.get(username=username)
        context, page, console = browse(browser, live_server, client, user)
        page.set_viewport_size(WINDOW)
        page.goto(f"{live_server.url}/staff/")
        problems += check_menu(page, f"staff-1366-{username}-{state}") + console
        context.close()
    context, page, console = browse(browser, live_server, client, worker, phone=True)
    page.goto(f"{live_server.url}/m/")
    tiles = page.locator(".portal-tile")
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 360:
        problems.append(f"{state}: the member home scrolls sideways ({width} px)")
    if min(tiles.nth(i).bounding_box()["height"] for i in range(tiles.count())) < 48:
        problems.append(f"{state}: a home tile is smaller than a finger")
    page.screenshot(path=SHOTS / f"member-home-360-{state}.png", full_page=True)
    context.close()
    return problems + console


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_menu_and_home_stay_usable_with_fifteen_areas(
    live_server, browser, client, future_services
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    call_command("load_demo", stdout=io.StringIO())  # switches every optional service on
    member = Member.objects.get(mobile=DEMO_MEMBER_MOBILE)
    worker = member.user or member_user(member)
    federation = member.union.ancestor_ids[0]
    areas = sum(len(s.nav) for s in registry.all_services() if s.key != "system")
    assert areas >= 15
    problems = shoot(browser, live_server, client, worker, "future")
    for service in future_services:  # today's menu and home: the stand-ins switched off
        service_switch_set(
            actor=None,
            federation=Organisation.objects.get(pk=federation),
            key=service.key,
            enabled=False,
        )
    problems += shoot(browser, live_server, client, worker, "today")
    assert not problems, "\n".join(problems)
