"""403, 404 and 500 are Chinese pages in the look of where the visitor is (staff desk or the
member's phone pages) with a way home; under /api/ they stay JSON. DEBUG is off, as served."""

import json
import re

import pytest
from django.test import Client

from gonghui.core.tests import crawler
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def served(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "gonghui.core.tests.error_urls"


def visible_english(response) -> list[str]:
    parser = crawler.PageText()
    parser.feed(response.content.decode())
    return crawler.english_words(" ".join(parser.text))


def home_link(response) -> str:
    page = response.content.decode()
    return re.search(r'<a class="btn[^"]*" href="([^"]+)">返回首页</a>', page).group(1)


def test_404_for_staff_is_chinese_with_the_staff_desk_and_a_way_home(staff, client_for):
    response = client_for(staff.union_a1).get("/staff/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "页面不存在" in page and 'data-testid="error-404"' in page
    assert "bootstrap.min.css" in page and 'data-testid="user-menu"' in page
    assert home_link(response) == "/staff/"
    assert visible_english(response) == []


def test_404_for_a_member_is_in_the_phone_look(tree, client):
    client.force_login(member_user(member(tree.union_a1)))
    response = client.get("/m/claims/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "weui.min.css" in page and "页面不存在" in page
    assert home_link(response) == "/m/"
    assert visible_english(response) == []


def test_404_for_a_visitor_leads_to_the_front_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert home_link(response) == "/"
    assert visible_english(response) == []


def test_403_is_chinese_and_says_what_to_do(staff, client_for):
    # A reviewer reads members but does not import them.
    response = client_for(staff.reviewer).get("/staff/members/import/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "您无权打开此页面" in page and "管理员" in page
    assert home_link(response) == "/staff/"
    assert visible_english(response) == []


def test_500_is_chinese_and_leads_home(client):
    client.raise_request_exception = False
    for path, home in (("/staff/boom/", "/"), ("/m/boom/", "/m/")):
        response = client.get(path)
        assert response.status_code == 500
        page = response.content.decode()
        assert "系统出了点问题" in page and 'data-testid="error-500"' in page
        assert home_link(response) == home
        assert visible_english(response) == []


def test_api_errors_stay_json(staff, client_for, client):
    client.raise_request_exception = False
    answer = client.get("/api/boom/")
    assert answer.status_code == 500 and answer["Content-Type"] == "application/json"
    assert json.loads(answer.content)["detail"]
    answer = client.get("/api/forbidden/")
    assert answer.status_code == 403 and answer["Content-Type"] == "application/json"
    answer = client.get("/api/no-such-thing/")
    assert answer.status_code == 404 and answer["Content-Type"] == "application/json"
    assert json.loads(answer.content) == {"detail": "未找到。"}


def test_a_refused_form_gets_a_chinese_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "表单已过期" in page
    assert visible_english(response) == []
