"""On a 360 px phone, someone holding the printed notice opens its QR address, sees that it
is genuine with the masked name only, and uploads an altered copy, which is caught."""

import pytest

from gonghui.documents.services import document_bytes
from gonghui.documents.tests.test_documents import issue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_phone_checks_a_document_and_an_altered_copy(live_server, phone_page, tree, staff,
                                                       tmp_path):  # fmt: skip
    document = issue(staff.town_a, tree.town_a)
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(document_bytes(document).replace(b"/Creator", b"/Creater"))
    page = phone_page
    page.goto(f"{live_server.url}/v/{document.code}/")
    assert page.locator("[data-verdict=genuine]").inner_text() == "该文件真实有效"
    body = page.locator("body").inner_text()
    assert "程*生" in body and "甲镇总工会" in body
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360  # nothing wider than the phone
    page.set_input_files("input[type=file]", str(altered))
    page.get_by_role("button", name="与原件比对").click()
    assert "可能被修改" in page.locator("[data-check=different]").inner_text()
    page.screenshot(path=str(tmp_path / "verify.png"), full_page=True)
