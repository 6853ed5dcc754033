"""The campaign through the JSON API: open, confirm, send the 要约书, reply, meeting, contract,
report; another town's staff get 404 for the target; members see only their own contracts."""

import datetime

import pytest
import time_machine

from gonghui.contracts.models import Target
from gonghui.contracts.tests.helpers import firm

pytestmark = pytest.mark.django_db
JSON = "application/json"


def test_the_campaign_through_the_api(on, staff, client_for):
    company = firm(on.union_a1, on.town_a, 90, name="甲一机械有限公司")
    with time_machine.travel(datetime.datetime(2025, 3, 3, 2), tick=False):
        admin = client_for(staff.admin)
        opened = admin.post(
            "/api/contracts/campaigns/", {"year": 2025, "reply_days": 15}, content_type=JSON
        )
        assert opened.status_code == 201 and opened.json()["report_due_on"] == "2025-04-10"
        again = admin.post("/api/contracts/campaigns/", {"year": 2025}, content_type=JSON)
        assert again.status_code == 400 and "已经开启" in again.json()["year"][0]
        target = Target.objects.get(enterprise=company)
        assert (
            client_for(staff.town_b).get(f"/api/contracts/targets/{target.pk}/").status_code == 404
        )
        union = client_for(staff.union_a1)
        base = f"/api/contracts/targets/{target.pk}"
        assert union.post(f"{base}/confirm/").json()["confirmed_at"]
        sent = union.post(
            f"{base}/send/", {"sent_on": "2025-03-03", "chair": "张主席"}, content_type=JSON
        ).json()
        assert sent["letter"] and sent["reply_due_on"] == "2025-03-18"
        early = union.post(
            f"{base}/reply/", {"reply": "agreed", "reply_on": "2025-03-02"}, content_type=JSON
        )
        assert early.status_code == 400 and "之间" in early.json()["reply_on"][0]
        union.post(
            f"{base}/reply/", {"reply": "agreed", "reply_on": "2025-03-03"}, content_type=JSON
        )
        met = union.post(
            f"{base}/meeting/", {"held_on": "2025-03-03", "place": "会议室"}, content_type=JSON
        )
        assert met.json()["meetings"][0]["place"] == "会议室"
        made = union.post(
            f"{base}/contract/",
            {"title": "甲一工资专项合同", "kind": "wage", "starts_on": "2025-04-01", "ends_on": "2026-03-31",
             "signed_on": "2025-03-03", "workers_covered": 88},
            content_type=JSON,
        )  # fmt: skip
        assert made.status_code == 201 and made.json()["links"][0]["workers_covered"] == 88
        report = admin.get(f"/api/contracts/campaigns/{opened.json()['id']}/report/").json()
    assert report[-1] == {
        "town": None, "targeted": 1, "confirmed": 1, "sent": 1, "agreed": 1, "refused": 0,
        "no_reply": 0, "signed": 1, "workers": 88,
    }  # fmt: skip
    letter = client_for(staff.union_a1).get(f"/api/documents/{sent['letter']}/pdf/")
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
