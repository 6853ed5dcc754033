"""What a reviewer reads on a claim: reasons and checks in Chinese, never their codes;
amounts with thousands separators in every message."""

import re

from gonghui.claims import services
from gonghui.claims.tests.factories import file_claim


def visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_reasons_findings_and_timeline_show_no_codes(client_for, staff, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng, materials=("id_card",))
    services.claim_reject(actor=staff.reviewer, claim=claim, reason="WAITING_PERIOD")
    page = client_for(staff.reviewer).get(f"/staff/claims/{claim.pk}/").content.decode()
    text = visible(page)
    assert "观察期" in text
    for code in ("WAITING_PERIOD", "MISSING_MATERIAL", "PAST_DEADLINE", "CAP_REACHED"):
        assert code not in text


def test_the_reject_choices_are_the_reasons_in_chinese(client_for, staff, cheng_user, cheng):
    claim = file_claim(cheng_user, cheng)
    page = client_for(staff.reviewer).get(f"/staff/claims/{claim.pk}/").content.decode()
    option = re.search(r'<option value="PAST_DEADLINE">([^<]*)</option>', page).group(1)
    assert option == "申请已超过本期的申请截止日，逾期的申请不能受理。"


def test_the_approval_message_writes_the_amount_with_separators(
    client_for, staff, cheng_user, cheng
):
    claim = file_claim(cheng_user, cheng)
    response = client_for(staff.reviewer).post(f"/staff/claims/{claim.pk}/approve/", follow=True)
    assert "9,961 元" in response.content.decode()
    assert "9961" not in visible(response.content.decode()).replace("JS2021040001", "")
