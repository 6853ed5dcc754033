"""The member's phone pages: my enrollments with cover dates, and the home tile."""

import datetime

import pytest
import time_machine

from gonghui.mutual_aid.models import Plan
from gonghui.mutual_aid.tests.factories import enroll, member_user
from gonghui.orgs.tests.factories import member


@pytest.fixture(autouse=True)
def during_the_period():
    with time_machine.travel(datetime.datetime(2021, 3, 1, 10, 0), tick=False):
        yield


def test_my_enrollments_show_plans_cover_dates_and_payment(client, tree, period):
    woman = member(tree.union_a1, female=True)
    enroll(period, [woman], plans=[Plan.INPATIENT, Plan.FEMALE], on=datetime.date(2021, 2, 1))
    client.force_login(member_user(woman))

    html = client.get("/m/mutual-aid/").content.decode()

    assert "第1期（T2021）" in html
    assert "职工住院医疗互助保障" in html and "女职工特殊病互助保障" in html
    assert html.count("待缴费") == 2
    assert "单位工会还没有缴费" in html


def test_paid_enrollment_shows_the_date_cover_starts(client, tree, period):
    someone = member(tree.union_a1)
    enroll(period, [someone], plans=[Plan.INPATIENT], on=datetime.date(2021, 2, 1), paid=True)
    client.force_login(member_user(someone))
    html = client.get("/m/mutual-aid/").content.decode()
    assert "保障起始：2021年5月2日" in html  # 2021-02-01 + the 90-day waiting period
    assert "首次参保" in html and "即将生效" in html


def test_an_ended_period_is_shown_as_ended(client, tree, period):
    someone = member(tree.union_a1)
    enroll(period, [someone], plans=[Plan.INPATIENT, Plan.CRITICAL], paid=True)
    with time_machine.travel(datetime.datetime(2022, 2, 1, 10, 0), tick=False):
        client.force_login(member_user(someone))
        html = client.get("/m/mutual-aid/").content.decode()
    assert "住院、重大疾病" in html
    assert "已结束" in html and "保障中" not in html


def test_not_enrolled_member_is_told_whom_to_ask(client, tree, period):
    client.force_login(member_user(member(tree.union_b1)))
    html = client.get("/m/mutual-aid/").content.decode()
    assert "您还没有参加职工医疗互助" in html


def test_home_tile_links_to_mutual_aid(client, tree):
    client.force_login(member_user(member(tree.union_a1)))
    html = client.get("/m/").content.decode()
    assert 'href="/m/mutual-aid/"' in html


def test_staff_are_sent_away_from_member_pages(client_for, staff):
    response = client_for(staff.union_a1).get("/m/mutual-aid/")
    assert response.status_code == 302 and "/m/login/" in response["Location"]
