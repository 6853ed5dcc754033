"""The photo page on a 360 px phone: after a photo is sent the page is back at the slot the
worker was using (not at the top), and every remove button is a tap target of 44 px."""

import datetime

import pytest
import time_machine

from gonghui.claims.tests.factories import cheng_enrolled, file_claim
from gonghui.claims.tests.test_browser import add_photo
from gonghui.mutual_aid.tests.factories import member_user


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_photo_page_keeps_its_place_and_its_buttons_are_big_enough(
    live_server, phone_page, client, tree
):
    with time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=True):
        cheng, _period = cheng_enrolled(tree)
        user = member_user(cheng)
        claim = file_claim(user, cheng, materials=("id_card", "discharge_summary"), submit=False)
        client.force_login(user)
        phone_page.context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value,
              "url": live_server.url}]
        )  # fmt: skip
        phone = phone_page
        phone.goto(f"{live_server.url}/m/claims/{claim.pk}/materials/")
        slot = phone.locator('[data-slot="diagnosis_certificate"]')
        slot.scroll_into_view_if_needed()
        add_photo(phone, "diagnosis_certificate", (220, 240, 220))
        phone.wait_for_load_state("load")

        assert phone.url.endswith("#slot-diagnosis_certificate")
        assert phone.evaluate("window.scrollY") > 300
        box = slot.bounding_box()
        assert 0 <= box["y"] < 740  # the slot is on screen
        assert slot.locator(".cl-thumb img").count() == 1
        assert slot.locator(".portal-message_success").is_visible()

        for button in phone.locator("button.cl-remove").all():
            size = button.bounding_box()
            assert size["width"] >= 44 and size["height"] >= 44
