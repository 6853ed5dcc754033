"""The staff pages, the public page and the API: what each role sees and may press, and that
every step works from the page and from the API with the same rules."""

import pytest
from django.test import Client

from gonghui.accounts.testing import sign_in
from gonghui.draw import engine, sources
from gonghui.draw.models import Draw, DrawEvent, Status
from gonghui.draw.tests import factories
from gonghui.draw.tests.independent import gh_draw_1

pytestmark = pytest.mark.django_db


def signed_in(user):
    """A client of its own per user (the conftest `client_for` re-signs one shared client)."""
    return sign_in(Client(), user)


def text(response):
    return response.content.decode()


def step(client, draw, action, **data):
    return client.post(f"/staff/draws/{draw.pk}/step/{action}/", data, follow=True)


def test_staff_create_and_take_a_pasted_draw_through_every_step(staff, tree):
    town = signed_in(staff.town_a)
    page = town.get("/staff/draws/")
    assert page.status_code == 200 and "公开抽签" in text(page)
    response = town.post(
        "/staff/draws/",
        {"org": tree.town_a.pk, "title": "年货抽奖", "purpose": "", "prizes": "一等奖:1，二等奖:2"},
    )
    draw = Draw.objects.get(title="年货抽奖")
    assert response.status_code == 302
    assert [(p.name, p.count) for p in draw.prizes.order_by("position")] == [
        ("一等奖", 1),
        ("二等奖", 2),
    ]
    detail = text(town.get(f"/staff/draws/{draw.pk}/"))
    assert 'data-testid="step-announce"' in detail and 'data-testid="step-run"' not in detail
    assert "公布种子来源" in text(step(town, draw, "announce", text="2026-12-18 上证指数收盘价"))
    Draw.objects.filter(pk=draw.pk).update(
        seed_source_at=Draw.objects.get(pk=draw.pk).seed_source_at.replace(year=2025)
    )
    pasted = "\n".join(f"职工{i},1390000{i:04d}" for i in range(1, 8))
    step(town, draw, "freeze", entrants=pasted)
    draw.refresh_from_db()
    assert draw.status == Status.FROZEN and draw.entries == 7
    # the town may not enter the seed: no button, and a POST is refused
    assert 'data-testid="step-enter_seed"' not in text(town.get(f"/staff/draws/{draw.pk}/"))
    refused = step(town, draw, "enter_seed", seed="1")
    assert "不能办理“录入种子”" in text(refused)
    draw.refresh_from_db()
    assert draw.status == Status.FROZEN and draw.seed == ""
    reviewer = signed_in(staff.reviewer)
    step(reviewer, draw, "enter_seed", seed=" 3356.78 ")
    mine = text(reviewer.get(f"/staff/draws/{draw.pk}/"))
    assert 'data-testid="step-confirm_seed"' not in mine and "须由另一位工作人员复核" in mine
    refused = step(reviewer, draw, "confirm_seed", seed="3356.78")
    assert "须由另一位工作人员复核" in text(refused)
    admin = signed_in(staff.admin)
    step(admin, draw, "confirm_seed", seed="3356.78")
    page = text(step(admin, draw, "run"))
    draw.refresh_from_db()
    assert draw.status == Status.DRAWN
    expected = gh_draw_1(draw.list_text.encode(), "3356.78", [("一等奖", 1), ("二等奖", 2)])
    assert draw.result == expected
    assert f"#{expected['prizes']['一等奖'][0]}</span>" in page
    again = text(step(admin, draw, "run"))
    assert "这次抽签已经开奖，不能再次开奖。" in again
    assert DrawEvent.objects.filter(draw=draw).count() == 6


def test_pages_are_scoped_to_the_subtree(staff, tree):
    draw = factories.frozen(staff.town_a, tree.town_a)
    assert signed_in(staff.town_b).get(f"/staff/draws/{draw.pk}/").status_code == 404
    assert draw.title not in text(signed_in(staff.town_b).get("/staff/draws/"))
    assert signed_in(staff.union_a1).get(f"/staff/draws/{draw.pk}/").status_code == 404
    assert signed_in(staff.reviewer).get(f"/staff/draws/{draw.pk}/").status_code == 200
    # the auditor reads, with no buttons and no create form
    auditor = text(signed_in(staff.auditor).get(f"/staff/draws/{draw.pk}/"))
    assert 'data-testid="steps"' not in auditor
    assert 'data-testid="draw-create"' not in text(signed_in(staff.auditor).get("/staff/draws/"))


def test_every_role_that_sees_the_menu_can_open_the_pages(staff, tree):
    draw = factories.drawn(staff, tree.town_a, n=5)
    for user in vars(staff).values():
        client = signed_in(user)
        assert client.get("/staff/draws/").status_code == 200
        code = client.get(f"/staff/draws/{draw.pk}/").status_code
        assert code == (200 if tree.town_a.path.startswith(user.org.path) else 404)


def test_the_owner_apps_source_freezes_the_list(staff, tree):
    sources.register(
        sources.EntrantSource(
            "test-owner",
            entrants=lambda key: [(f"r{i}", f"会员{i}", f"1380000{i:04d}") for i in range(3)],
            owner_url=lambda key: f"/staff/owner/{key}/",
        )
    )
    try:
        draw = factories.announced(staff.town_a, tree.town_a)
        Draw.objects.filter(pk=draw.pk).update(
            source="test-owner:9", seed_source_at=draw.seed_source_at.replace(year=2025)
        )
        town = signed_in(staff.town_a)
        page = text(town.get(f"/staff/draws/{draw.pk}/"))
        assert "/staff/owner/9/" in page and 'name="entrants"' not in page
        step(town, draw, "freeze")
        draw.refresh_from_db()
        assert draw.entries == 3
        assert list(draw.entrants.values_list("ref", flat=True)) == ["r0", "r1", "r2"]
    finally:
        sources.unregister("test-owner")


def test_public_page_needs_no_sign_in_and_shows_everything(client, staff, tree):
    draw = factories.drawn(staff, tree.town_a, n=9)
    page = client.get(f"/draw/{draw.public_code}/")
    assert page.status_code == 200
    body = text(page)
    for shown in (draw.title, draw.list_sha256, "3356.78", factories.SOURCE, "GH-DRAW-1"):
        assert shown in body
    assert f'data-numbers="{" ".join(map(str, draw.result["prizes"]["一等奖"]))}"' in body
    assert "会员" not in body.replace("会*", "")  # names only masked
    listing = client.get(f"/draw/{draw.public_code}/list.txt")
    assert listing.content == draw.list_text.encode()
    assert engine.list_digest(listing.content) == draw.list_sha256
    assert listing["Content-Type"] == "text/plain; charset=utf-8"


def test_public_page_before_the_draw_and_for_drafts(client, staff, tree):
    draft = factories.created(staff.town_a, tree.town_a)
    assert client.get(f"/draw/{draft.public_code}/").status_code == 404
    frozen = factories.frozen(staff.town_a, tree.town_a)
    body = text(client.get(f"/draw/{frozen.public_code}/"))
    assert frozen.list_sha256 in body and "开奖后" in body and "verify.js" not in body
    cancelled = factories.frozen(staff.town_a, tree.town_a)
    cancelled = factories.services.draw_cancel(actor=staff.admin, draw=cancelled, reason="活动改期")
    assert "活动改期" in text(client.get(f"/draw/{cancelled.public_code}/"))
    assert client.get("/draw/nope/").status_code == 404


# ---------------------------------------------------------------- API


def test_api_takes_a_draw_through_every_step(staff, tree):
    town = signed_in(staff.town_a)
    made = town.post(
        "/api/draws/",
        {"org": tree.town_a.pk, "title": "接口抽签", "prizes": [{"name": "一等奖", "count": 2}]},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert (
        town.post(
            f"/api/draws/{pk}/announce/", {"text": "上证指数"}, content_type="application/json"
        ).status_code
        == 200
    )
    Draw.objects.filter(pk=pk).update(
        seed_source_at=Draw.objects.get(pk=pk).seed_source_at.replace(year=2025)
    )
    entrants = [{"ref": f"x{i}", "name": f"会员{i}", "mobile": f"1370000{i:04d}"} for i in range(5)]
    frozen = town.post(
        f"/api/draws/{pk}/freeze/", {"entrants": entrants}, content_type="application/json"
    )
    assert frozen.json()["entries"] == 5
    reviewer, admin = signed_in(staff.reviewer), signed_in(staff.admin)

    def post(c, a, d=None):
        return c.post(f"/api/draws/{pk}/{a}/", d or {}, content_type="application/json")

    assert post(reviewer, "enter-seed", {"seed": "9"}).status_code == 200
    again = post(admin, "enter-seed", {"seed": "8"})
    assert again.status_code == 400 and "已经录入" in again.content.decode()
    self_confirm = post(reviewer, "confirm-seed", {"seed": "9"})
    assert self_confirm.status_code == 403
    assert post(admin, "confirm-seed", {"seed": "9"}).status_code == 200
    ran = post(admin, "run")
    assert ran.status_code == 200
    draw = Draw.objects.get(pk=pk)
    assert ran.json()["result"] == gh_draw_1(draw.list_text.encode(), "9", [("一等奖", 2)])
    rerun = post(reviewer, "run")
    assert rerun.status_code == 400 and "不能再次开奖" in rerun.content.decode()
    rows = admin.get(f"/api/draws/{pk}/entrants/").json()["results"]
    assert sorted(r["ref"] for r in rows if r["prize"] == "一等奖") == sorted(
        f"x{n - 1}" for n in draw.result["prizes"]["一等奖"]
    )
    assert signed_in(staff.town_b).get(f"/api/draws/{pk}/").status_code == 404


def test_api_refuses_bad_input_and_writes_nothing(staff, tree):
    town = signed_in(staff.town_a)
    bad = town.post(
        "/api/draws/",
        {
            "org": tree.town_a.pk,
            "title": "x",
            "prizes": [{"name": "a", "count": 1}, {"name": "a", "count": 2}],
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "重复" in bad.content.decode()
    other = town.post(
        "/api/draws/", {"org": tree.town_b.pk, "title": "x"}, content_type="application/json"
    )
    assert other.status_code == 400
    assert not Draw.objects.exists()


def test_api_schema_marks_the_times_of_steps_not_taken_as_nullable():
    """Found by the API fuzzing: a new draw answers null for the times of its later steps."""
    from drf_spectacular.generators import SchemaGenerator

    draw = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]["Draw"]
    for field in (
        "seed_source_at",
        "frozen_at",
        "seed_entered_at",
        "seed_confirmed_at",
        "drawn_at",
    ):
        assert draw["properties"][field].get("nullable") is True, field
