"""The staff menu, read from the service registry: grouped under a few headings, each role
sees only the links it may follow, nobody sees it before signing in, and a switched-off
service leaves it."""

import re

import pytest

from gonghui.core import registry

pytestmark = pytest.mark.django_db

ROLES = ["union_a1", "town_a", "reviewer", "finance", "admin", "auditor"]
GROUP = re.compile(r'<li class="nav-item dropdown" data-menu="(\w+)">(.*?)</li>', re.S)
LINK = re.compile(r'<a class="dropdown-item[^"]*" href="([^"]+)"[^>]*>([^<]+)</a>')


def menu(html: str) -> dict[str, list[tuple[str, str]]]:
    """Menu group → [(label, url)] as the page shows them."""
    return {
        key: [(label, url) for url, label in LINK.findall(body)]
        for key, body in GROUP.findall(html)
    }


def labels(html: str) -> set[str]:
    return {label for links in menu(html).values() for label, _url in links}


def test_every_existing_app_is_registered_as_a_core_service():
    keys = {service.key for service in registry.all_services()}
    core = {"registry", "mutual_aid", "claims", "medinsure", "hardship", "dashboard"}
    assert core | {"notify", "system"} <= keys
    assert all(registry.get(key).core for key in core)


def test_the_menu_is_grouped_under_a_few_headings(staff, client_for):
    page = client_for(staff.admin).get("/staff/").content.decode()
    groups = menu(page)
    assert list(groups) == ["members", "protection", "services", "data", "system"]
    assert ("公开抽签", "/staff/draws/") in groups["services"]
    assert [label for label, _url in groups["members"]] == ["会员", "组织", "企业", "建会覆盖"]
    assert "报销审核" in dict(groups["protection"]) and "结对帮扶" in dict(groups["protection"])
    for heading in ("会员与组织", "互助保障", "数据", "系统"):
        assert heading in page


def test_each_role_sees_the_entries_of_its_work(staff, client_for):
    seen = {
        who: labels(client_for(getattr(staff, who)).get("/staff/").content.decode())
        for who in ROLES
    }
    for who in ROLES:
        assert {"会员", "报销审核", "困难职工档案", "数据驾驶舱", "短信发件箱"} <= seen[who], who
    assert {who for who in ROLES if "支付批次" in seen[who]} == {"finance"}
    assert {who for who in ROLES if "访问日志" in seen[who]} == {"admin", "auditor"}
    assert {who for who in ROLES if "服务开关" in seen[who]} == {"admin"}
    assert {who for who in ROLES if "改革测算" in seen[who]} == {"admin"}


def test_the_api_documentation_is_only_in_the_administrators_menu(staff, client_for):
    for who in ROLES:
        page = client_for(getattr(staff, who)).get("/staff/").content.decode()
        assert ("/api/docs/" in page) == (who == "admin"), who


@pytest.mark.parametrize("who", ROLES)
def test_every_menu_link_opens_for_the_role_that_sees_it(staff, client_for, who):
    client = client_for(getattr(staff, who))
    links = [
        url for group in menu(client.get("/staff/").content.decode()).values() for _l, url in group
    ]
    assert links
    for url in links:
        assert client.get(url).status_code == 200, url


def test_the_login_page_shows_no_staff_menu_to_anonymous_visitors(client):
    page = client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/login/").status_code == 200
    assert not menu(page) and "/staff/members/" not in page and "/api/docs/" not in page
    assert 'data-bs-target="#mainnav"' not in page


def test_a_county_role_before_its_second_factor_sees_no_menu(staff, client):
    client.force_login(staff.reviewer)  # password passed, TOTP not yet
    page = client.get("/accounts/otp/").content.decode()
    assert not menu(page) and "/staff/claims/" not in page


def test_the_current_area_is_marked(staff, client_for):
    page = client_for(staff.reviewer).get("/staff/hardship/campaigns/").content.decode()
    groups = dict(GROUP.findall(page))
    assert "dropdown-toggle text-white active" in groups["protection"]
    assert 'class="dropdown-item active" href="/staff/hardship/campaigns/"' in groups["protection"]
    assert "dropdown-toggle text-white active" not in groups["members"]


def test_an_optional_service_enters_the_menu_when_switched_on(
    trial_service, tree, staff, client_for, switch_on
):
    client = client_for(staff.union_a1)
    assert "试用管理" not in labels(client.get("/staff/").content.decode())
    switch_on(tree.county, "trial")
    page = client.get("/staff/").content.decode()
    assert ("试用管理", "/trial/manage/") in menu(page)["services"]
    assert 'href="/trial/help/"' in page  # its help page, in the help menu
    auditor = client_for(staff.auditor).get("/staff/").content.decode()
    assert "services" not in menu(auditor) and "/trial/help/" not in auditor
    switch_on(tree.county, "trial", enabled=False)
    page = client_for(staff.union_a1).get("/staff/").content.decode()
    assert "试用管理" not in labels(page) and "/trial/help/" not in page
