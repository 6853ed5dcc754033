"""The member home (/m/): one door to every service the member's federation runs, its tiles
read from the service registry."""

import datetime
import re

import pytest

from gonghui.medinsure.tests.conftest import enroll_renewed, person
from gonghui.medinsure.tests.helpers import feed, stay
from gonghui.mutual_aid.tests.factories import make_period, member_user
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db

TILE = re.compile(
    r'<a class="portal-tile" href="([^"]+)">.*?</i>([^<]+)(?:<span class="portal-badge"[^>]*>(\d+)</span>)?</a>'
)


def tiles(client) -> list[tuple[str, str, str]]:
    """(label, url, badge) of each tile, in order."""
    page = client.get("/m/").content.decode()
    return [(label, url, badge) for url, label, badge in TILE.findall(page)]


@pytest.fixture
def worker(tree):
    return member_user(member(tree.union_a1))


def test_the_home_shows_the_core_services_as_before(worker, client):
    client.force_login(worker)
    assert tiles(client) == [
        ("我的会员信息", "/m/me/", ""),
        ("职工医疗互助", "/m/mutual-aid/", ""),
        ("医疗互助报销", "/m/claims/", ""),
        ("医疗互助待领取", "/m/benefits/", ""),
        ("困难帮扶", "/m/hardship/", ""),
    ]
    for _label, url, _badge in tiles(client):
        assert client.get(url).status_code == 200, url


def test_a_benefit_waiting_shows_on_its_tile_and_in_the_banner(tree, client):
    periods = (
        make_period(tree.county, code="T2021"),
        make_period(
            tree.county,
            code="T2022",
            start=datetime.date(2022, 1, 1),
            end=datetime.date(2022, 12, 31),
        ),
    )
    wang = person(tree.union_a1, "330522197510020014", "王建国", mobile="13900001001")
    enroll_renewed(periods, [wang])
    feed(tree.county, [stay(wang, "S1", "2022-03-01", "2022-03-05")])
    client.force_login(member_user(wang))
    assert ("医疗互助待领取", "/m/benefits/", "1") in tiles(client)
    assert 'data-testid="benefits-banner"' in client.get("/m/").content.decode()


def test_an_optional_service_appears_when_switched_on(
    trial_service, tree, worker, client, switch_on
):
    client.force_login(worker)
    assert "试用报名" not in [label for label, _u, _b in tiles(client)]
    switch_on(tree.county, "trial")
    assert ("试用报名", "/trial/apply/", "") in tiles(client)
    assert "我的试用券" not in [label for label, _u, _b in tiles(client)]  # holds nothing


def test_switched_off_only_the_door_to_what_the_member_holds_stays(
    trial_service, tree, worker, client, switch_on
):
    trial_service.HOLDERS.add(worker.pk)
    client.force_login(worker)
    switch_on(tree.county, "trial")
    shown = tiles(client)
    assert ("试用报名", "/trial/apply/", "") in shown and (
        "我的试用券",
        "/trial/mine/",
        "2",
    ) in shown
    switch_on(tree.county, "trial", enabled=False)
    shown = tiles(client)
    assert "试用报名" not in [label for label, _u, _b in shown]
    assert ("我的试用券", "/trial/mine/", "") in shown  # still reachable, no count to chase
    assert client.get("/trial/mine/").status_code == 200
