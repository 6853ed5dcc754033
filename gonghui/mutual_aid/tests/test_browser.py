"""A member on a cheap phone works out Mr. Cheng's stay (seed 000) in Chromium."""

import datetime

import pytest
import time_machine

from gonghui.mutual_aid.tests.factories import enroll, make_period, member_user
from gonghui.orgs.tests.factories import member


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_member_calculates_a_stay_on_the_phone(live_server, phone_page, client, tree):
    with time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=True):
        previous = make_period(
            tree.county,
            code="T2020",
            start=datetime.date(2020, 1, 1),
            end=datetime.date(2020, 12, 31),
        )
        period = make_period(tree.county)
        cheng = member(tree.union_a1, name="程先生", birth=datetime.date(1966, 3, 1))
        enroll(previous, [cheng], paid=True)
        enroll(period, [cheng], on=datetime.date(2020, 12, 15), paid=True)
        client.force_login(member_user(cheng))
        phone_page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value,
              "url": live_server.url}]
        )  # fmt: skip
        page = phone_page
        page.goto(f"{live_server.url}/m/")
        page.click("text=职工医疗互助")
        assert page.locator('[data-plan="INPATIENT"]').inner_text().count("保障中") == 1
        page.click("text=试算一下")
        page.click("label[for=id_type_0]")
        page.fill("#id_admission", "2021-04-01")
        page.fill("#id_discharge", "2021-04-13")
        page.fill("#id_self_responsibility", "7668.71")
        page.click("label[for=id_critical_1]")
        assert not page.locator("#id_birth_date").is_visible()  # only what this event needs
        page.fill("#id_first_diagnosed", "2021-04-02")
        page.click("button:has-text('试算')")

        assert page.locator('[data-figure="total"]').inner_text() == "9,961 元"
        amounts = page.locator("[data-line] [data-amount]").all_inner_texts()
        assert amounts == ["360 元", "4,601 元", "5,000 元"]
        assert page.locator("#quote-result").is_visible()
