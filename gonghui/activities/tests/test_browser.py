"""The whole path in Chromium: a member applies on a 360 px phone, the batch is
over-subscribed, staff freeze the list, enter and confirm the seed and run the draw on the
draw's pages, then allocate; the member sees the result and the public page says it
matches; a declined place goes to the next by SMS; check-in by scanning the member's QR
with the (fake) camera of the staff phone page."""

import datetime
import io

import pytest
import segno
from django.conf import settings
from django.test import Client
from django.utils import timezone

from gonghui.accounts.testing import sign_in
from gonghui.activities.models import Allocation, Programme, Registration, RegStatus
from gonghui.activities.services import registrations as regs
from gonghui.activities.tests.helpers import batch, members_with_users, programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, live_server, user):
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


def qr_video(code: str, path) -> str:
    """A Y4M clip of the QR code, for Chromium's fake camera."""
    from PIL import Image

    png = io.BytesIO()
    segno.make_qr(code, error="m").save(png, kind="png", scale=10, border=4)
    qr = Image.open(io.BytesIO(png.getvalue())).convert("L")
    frame = Image.new("L", (640, 480), 255)
    frame.paste(qr, ((640 - qr.width) // 2, (480 - qr.height) // 2))
    y = frame.tobytes()
    chroma = bytes([128]) * (320 * 240)
    with open(path, "wb") as clip:
        clip.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(10):
            clip.write(b"FRAME\n" + y + chroma + chroma)
    return str(path)


def test_apply_draw_verify_decline_and_check_in_by_qr(
    live_server, phone_page, desktop_page, staff, tree, switch_on, sms_sent, tmp_path
):
    switch_on(tree.county, "activities")
    prog = programme(
        staff.reviewer,
        tree.county,
        allocation=Allocation.DRAW,
        seed_source="2026-12-18 上证指数收盘价（两位小数）",
        title="青年职工联谊会",
    )
    the_batch = batch(staff.reviewer, prog, places=2, days_ahead=0)
    me, *others = members_with_users(tree.union_a1, 5)

    # The member applies on the phone.
    page = phone_page
    signed_in(page, live_server, me.user)
    page.goto(f"{live_server.url}/m/activities/")
    assert "青年职工联谊会" in page.inner_text("body")
    page.click(f"[data-testid=apply-{the_batch.pk}]")
    mine = Registration.objects.get(member=me)
    assert page.inner_text(f"[data-testid=status-{mine.pk}]") == "已报名"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path="/tmp/activities-mine-360.png", full_page=True)
    for person in others:
        regs.registration_apply(actor=person.user, member=person, batch=the_batch)
    Programme.objects.filter(pk=prog.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    # Staff freeze the list, enter and confirm the seed, run the draw, allocate.
    desk = desktop_page
    signed_in(desk, live_server, staff.reviewer)
    detail = f"{live_server.url}/staff/activities/{prog.pk}/"
    desk.goto(detail)
    desk.click("[data-testid=freeze-draws]")
    desk.click("[data-testid=pool-draw]")
    draw_url = desk.url
    desk.fill("#id_seed", "3356.78")
    desk.click("[data-testid=step-enter_seed]")
    desk.wait_for_selector("[data-testid=four-eyes]")
    signed_in(desk, live_server, staff.admin)
    desk.goto(draw_url)
    desk.fill("#id_confirm_seed", "3356.78")
    desk.click("[data-testid=step-confirm_seed]")
    desk.click("[data-testid=step-run]")
    desk.wait_for_selector("[data-testid=result]")
    desk.goto(detail)
    desk.click("[data-testid=allocate]")
    assert "已分配 2 个名额" in desk.inner_text("body")
    desk.screenshot(path="/tmp/activities-programme-1366.png", full_page=True)
    offered = list(Registration.objects.filter(status=RegStatus.OFFERED).order_by("rank", "id"))
    assert len(offered) == 2

    # The member sees the result and verifies the draw on the public page.
    page.goto(f"{live_server.url}/m/activities/mine/")
    mine.refresh_from_db()
    shown = page.inner_text(f"[data-testid=status-{mine.pk}]")
    assert shown == ("待确认名额" if mine.status == RegStatus.OFFERED else "已报名")
    page.click("[data-testid=draw-link]")
    page.wait_for_load_state("load")
    page.click("[data-testid=verify]")
    page.wait_for_selector("[data-testid=verify-result][data-verdict]", timeout=60_000)
    assert "结果一致" in page.inner_text("[data-testid=verify-result]")

    # A winner declines: the first of the waiting list is offered the place by SMS.
    waiting = Registration.objects.filter(status=RegStatus.APPLIED).order_by("rank").first()
    winner = next((r for r in offered if r.member_id == me.pk), offered[0])
    if winner.member_id == me.pk:
        page.goto(f"{live_server.url}/m/activities/mine/")
        page.click(f"[data-testid=decline-{winner.pk}]")
        assert page.inner_text(f"[data-testid=status-{winner.pk}]") == "已放弃"
    else:
        regs.registration_decline(actor=winner.member.user, registration=winner)
    waiting.refresh_from_db()
    assert waiting.status == RegStatus.OFFERED
    assert sms_sent[-1][0] == waiting.member.mobile and "候补" in sms_sent[-1][1]

    # The next member confirms; staff check them in by scanning their QR with the camera.
    regs.registration_confirm(actor=waiting.member.user, registration=waiting)
    video = qr_video(waiting.code, tmp_path / "qr.y4m")
    camera = desk.context.browser.browser_type.launch(
        executable_path="/usr/bin/chromium",
        args=[
            "--no-sandbox",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
        context.grant_permissions(["camera"], origin=live_server.url)
        scanner = context.new_page()
        signed_in(scanner, live_server, staff.reviewer)
        scanner.goto(f"{live_server.url}/staff/activities/check-in/")
        scanner.click("[data-scan-start]")
        scanner.wait_for_selector("[data-testid=checked-in]", timeout=30_000)
        scanner.screenshot(path="/tmp/activities-check-in-360.png")
        assert waiting.member.name in scanner.inner_text("[data-testid=checked-in]")
    finally:
        camera.close()
    waiting.refresh_from_db()
    assert waiting.status == RegStatus.CHECKED_IN
