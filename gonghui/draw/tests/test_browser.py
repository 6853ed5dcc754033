"""The public verification page in Chromium at 360 px, under the site's Content-Security-
Policy: the in-browser re-run of GH-DRAW-1 says the result matches, and says it does not
when the result shown on the page has been altered (test-only tampering)."""

import time

import pytest

from gonghui.draw.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_page(page, live_server, draw):
    """Open the public page; the list returned collects script errors, CSP violations and
    failed requests (the browser's own /favicon.ico probe aside)."""
    problems = []

    def console(message):
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def response(answer):
        if answer.status >= 400 and not answer.url.endswith("/favicon.ico"):
            problems.append(f"{answer.status} {answer.url}")

    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", response)
    page.goto(f"{live_server.url}/draw/{draw.public_code}/")
    return problems


def verify(page):
    page.click("[data-testid=verify]")
    page.wait_for_selector("[data-testid=verify-result][data-verdict]", timeout=60_000)
    return page.inner_text("[data-testid=verify-result]")


def test_the_public_page_verifies_the_draw_and_catches_tampering(
    live_server, phone_page, staff, tree
):
    draw = factories.drawn(staff, tree.town_a, n=300, prizes=[("一等奖", 2), ("二等奖", 30)])
    problems = open_page(phone_page, live_server, draw)
    assert phone_page.inner_text("[data-testid=digest]") == draw.list_sha256
    assert phone_page.inner_text("[data-testid=seed]") == "3356.78"
    # nothing wider than the phone
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    said = verify(phone_page)
    assert "结果一致" in said
    assert phone_page.get_attribute("[data-testid=verify-result]", "data-verdict") == "match"
    assert not problems, problems  # no CSP violation, no script error
    phone_page.screenshot(path="/tmp/draw-public-360.png", full_page=True)

    # the page shows another winner for 一等奖: one of the waiting list instead
    first, waiting = draw.result["prizes"]["一等奖"], draw.result["waiting"]
    altered = " ".join(map(str, [first[0], waiting[0]]))
    phone_page.evaluate(
        "v => document.querySelector('.draw-prize').setAttribute('data-numbers', v)", altered
    )
    said = verify(phone_page)
    assert "结果不一致" in said and "一等奖" in said
    assert phone_page.get_attribute("[data-testid=verify-result]", "data-verdict") == "mismatch"

    # a seed other than the one drawn with
    phone_page.reload()
    phone_page.evaluate(
        "() => document.getElementById('draw-verify').setAttribute('data-seed', '3356.79')"
    )
    assert "结果不一致" in verify(phone_page)

    # the waiting list in another order
    phone_page.reload()
    swapped = " ".join(map(str, [waiting[1], waiting[0], *waiting[2:]]))
    phone_page.evaluate(
        "v => document.getElementById('draw-waiting').setAttribute('data-numbers', v)", swapped
    )
    said = verify(phone_page)
    assert "结果不一致" in said and "候补名单不同" in said


def test_five_thousand_entrants_verify_in_the_browser(live_server, phone_page, staff, tree):
    draw = factories.drawn(staff, tree.town_a, n=5000, prizes=[("一等奖", 2), ("二等奖", 500)])
    problems = open_page(phone_page, live_server, draw)
    started = time.monotonic()
    assert "结果一致" in verify(phone_page)
    elapsed = time.monotonic() - started
    print(f"verified 5,000 entrants in the browser in {elapsed:.2f} s")
    assert elapsed < 30
    assert not problems, problems


def sign_in_staff(page, live_server, user):
    """A session made on the server with the second factor passed, handed to the browser."""
    from django.conf import settings
    from django.test import Client

    from gonghui.accounts.testing import sign_in

    client = sign_in(Client(), user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_staff_enter_confirm_and_run_then_the_public_page_matches(
    live_server, desktop_page, phone_page, staff, tree
):
    from gonghui.draw.models import Draw, Status

    draw = factories.frozen(staff.town_a, tree.town_a, n=40)
    page = desktop_page
    url = f"{live_server.url}/staff/draws/{draw.pk}/"
    sign_in_staff(page, live_server, staff.reviewer)
    page.goto(url)
    page.fill("#id_seed", "  3356.78 ")
    page.click("[data-testid=step-enter_seed]")
    page.wait_for_selector("[data-testid=four-eyes]")
    assert page.locator("[data-testid=step-confirm_seed]").count() == 0
    sign_in_staff(page, live_server, staff.admin)
    page.goto(url)
    page.fill("#id_confirm_seed", "3356.78")
    page.click("[data-testid=step-confirm_seed]")
    page.click("[data-testid=step-run]")
    page.wait_for_selector("[data-testid=result]")
    draw.refresh_from_db()
    assert draw.status == Status.DRAWN and draw.seed == "3356.78"
    assert page.inner_text("[data-testid=draw-status]") == "已开奖"
    page.screenshot(path="/tmp/draw-staff-1366.png", full_page=True)
    public = page.get_attribute("[data-testid=public-link]", "href")
    phone_page.goto(f"{live_server.url}{public}")
    assert "结果一致" in verify(phone_page)
    assert Draw.objects.get(pk=draw.pk).result == draw.result
