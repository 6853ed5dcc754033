"""The member's phone pages as a worker meets them: messages in the colour of their level,
the photo page back at the slot just used, the signed form with a way back."""

import re

from gonghui.claims.tests.factories import file_claim, photo


def slot_html(page: str, kind: str) -> str:
    start = page.index(f'id="slot-{kind}"')
    return page[start : page.index('<div class="cl-slot"', start + 1)]


def test_a_photo_added_brings_the_page_back_to_its_slot_with_a_green_message(
    client, cheng_user, cheng
):
    claim = file_claim(cheng_user, cheng, materials=(), submit=False)
    client.force_login(cheng_user)
    url = f"/m/claims/{claim.pk}/materials/"
    response = client.post(url, {"kind": "settlement_slip", "files": [photo()]})
    assert response["Location"] == f"{url}#slot-settlement_slip"
    page = client.get(url).content.decode()
    slot = slot_html(page, "settlement_slip")
    assert "portal-message_success" in slot and "已上传 1 个文件到“结算单或发票”" in slot
    assert "weui-toptips_warn" not in page
    # Said once, in the slot, not at the top of the page the member no longer sees.
    assert page.count("已上传 1 个文件到“结算单或发票”") == 1


def test_a_refused_upload_is_a_red_message_in_its_slot(client, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng, materials=(), submit=False)
    client.force_login(cheng_user)
    url = f"/m/claims/{claim.pk}/materials/"
    response = client.post(url, {"kind": "id_card"})
    assert response["Location"] == f"{url}#slot-id_card"
    slot = slot_html(client.get(url).content.decode(), "id_card")
    assert "portal-message_error" in slot and 'role="alert"' in slot


def test_removing_a_photo_comes_back_to_its_slot(client, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng, submit=False)
    client.force_login(cheng_user)
    material = claim.materials.get(kind="discharge_summary")
    response = client.post(f"/m/claims/{claim.pk}/materials/", {"remove": material.pk})
    assert response["Location"].endswith("#slot-discharge_summary")
    assert not claim.materials.filter(pk=material.pk).exists()


def test_a_success_on_the_phone_is_green_not_a_red_warning(client, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng, submit=False)
    client.force_login(cheng_user)
    response = client.post(f"/m/claims/{claim.pk}/submit/", follow=True)
    page = response.content.decode()
    message = re.search(r'<div class="portal-message [^"]*"[^>]*>.*?</div>', page, re.S).group(0)
    assert "portal-message_success" in message and 'role="status"' in message
    assert "weui-icon-success-no-circle" in message
    assert "weui-toptips_warn" not in page


def test_the_signed_form_has_a_way_back_to_the_claim(client, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)
    client.force_login(cheng_user)
    page = client.get(f"/m/claims/{claim.pk}/form/").content.decode()
    assert f'href="/m/claims/{claim.pk}/" data-back' in page and "返回" in page
