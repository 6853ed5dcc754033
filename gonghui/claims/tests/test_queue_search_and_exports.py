"""The review queue searched by claim number, member name, name plus the ID number's last
four, or ID number (POSTed, never in a URL); the queue and the payout lists exported to
Excel as the pages show them: same scope, same search, masked, logged."""

import pytest

from gonghui.claims import services
from gonghui.claims.models import ClaimStatus
from gonghui.claims.tests.factories import file_claim
from gonghui.core.models import AccessLog
from gonghui.core.tests.xlsx import export_body, export_form, export_rows
from gonghui.mutual_aid.models import Period
from gonghui.mutual_aid.tests.factories import enroll, member_user
from gonghui.orgs.tests.factories import member


@pytest.fixture
def claims(tree, cheng, cheng_user):
    """Mr. Cheng's claim (union A1, town A) and Ms. Lin's (union B1, town B), both in review."""
    period = Period.objects.get(code="T2021")
    lin = member(tree.union_b1, name="林小红", bank_card="6222029876543210987")
    enroll(period, [lin], paid=True)
    return {
        "cheng": file_claim(cheng_user, cheng),
        "lin": file_claim(member_user(lin), lin),
    }


def found(client, **data) -> list[str]:
    """The claim numbers the queue shows for a POSTed search."""
    page = client.post("/staff/claims/", data).content.decode()
    return sorted(part.split('"')[0] for part in page.split('data-claim="')[1:])


def test_queue_search_by_claim_number_finds_it_in_any_state(claims, staff, client_for):
    cheng = claims["cheng"]
    services.claim_approve(actor=staff.reviewer, claim=cheng)
    assert cheng.status == ClaimStatus.APPROVED
    client = client_for(staff.reviewer)
    assert found(client) == [claims["lin"].reference]  # by default: what waits for review
    assert found(client, q=cheng.reference) == [cheng.reference]
    assert found(client, q=cheng.reference.lower()) == [cheng.reference]
    assert found(client, q=str(cheng.pk)) == [cheng.reference]
    assert found(client, q=cheng.reference, status="in_review") == []
    # Another town's claim number finds nothing.
    assert found(client_for(staff.town_b), q=cheng.reference) == []


def test_queue_search_by_member_name_and_by_name_plus_id_tail(claims, staff, client_for):
    cheng, lin = claims["cheng"], claims["lin"]
    tail = cheng.member.id_number[-4:]
    client = client_for(staff.reviewer)
    assert found(client, q="程先生") == [cheng.reference]
    assert found(client, q="林") == [lin.reference]
    assert found(client, q=f"程先生 {tail}") == [cheng.reference]
    assert found(client, q=f"程先生{tail}") == [cheng.reference]
    wrong = f"{(int(tail[:3]) + 1) % 1000:03d}{tail[3]}"
    assert found(client, q=f"程先生 {wrong}") == []
    assert found(client, q=f"林小红 {tail}") == []  # the tail is Mr. Cheng's, not hers


def test_queue_search_by_id_number_is_posted_never_run_from_a_url(claims, staff, client_for):
    cheng = claims["cheng"]
    number = cheng.member.id_number
    client = client_for(staff.reviewer)
    assert found(client, q=number) == [cheng.reference]
    assert found(client, q=number.lower()) == [cheng.reference]
    page = client.get(f"/staff/claims/?q={number}").content.decode()
    assert "身份证号不能通过网址查询" in page
    assert page.count('data-claim="') == 2  # the search was not run: the whole queue
    # The page's form posts the search; its pagination and export never put it in a URL.
    searched = client.post("/staff/claims/", {"q": number}).content.decode()
    assert 'method="post" action="/staff/claims/"' in searched
    assert f"?q={number}" not in searched and f"q={number}&" not in searched


def test_claim_queue_export_holds_the_search_masked_and_logged(claims, staff, client_for):
    cheng = claims["cheng"]
    client = client_for(staff.reviewer)
    response = client.post("/staff/claims/", {"export": "xlsx", "q": cheng.member.id_number})
    rows = export_rows(response)
    assert rows[0][:4] == ["申请号", "会员", "身份证号（已遮蔽）", "工会"]
    assert [row[0] for row in rows[1:]] == [cheng.reference]
    number = cheng.member.id_number
    assert rows[1][2] == number[:6] + "********" + number[-4:]
    assert rows[1][6] == float(cheng.amount) and rows[1][7] == "审核中"
    entry = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert entry.user == staff.reviewer and entry.subject_label == "报销申请名单，1 行"
    whole = client.post("/staff/claims/", {"export": "xlsx"})
    body = export_body(whole)
    assert number not in body and rows[1][2] in body


def test_claim_queue_export_holds_nothing_outside_the_subtree(claims, staff, client_for):
    def exported(user, **data):
        response = client_for(user).post("/staff/claims/", {"export": "xlsx", **data})
        return [row[1] for row in export_rows(response)[1:]]

    assert exported(staff.reviewer) == ["程先生", "林小红"]
    assert exported(staff.town_b) == ["林小红"]
    assert exported(staff.union_a1) == ["程先生"]
    assert exported(staff.town_b, q="程先生") == []
    assert exported(staff.town_b, q=claims["cheng"].member.id_number) == []


def test_queue_export_by_get_link_keeps_the_filters(claims, staff, client_for):
    """The dashboard's drill-down links filter the queue by GET; the export button resends
    those filters (and never a search by ID number)."""
    client = client_for(staff.reviewer)
    page = client.get(f"/staff/claims/?union={claims['lin'].member.union_id}").content.decode()
    form = export_form(page)
    assert f'name="union" value="{claims["lin"].member.union_id}"' in form
    response = client.post(
        "/staff/claims/", {"export": "xlsx", "union": claims["lin"].member.union_id}
    )
    assert [row[1] for row in export_rows(response)[1:]] == ["林小红"]


def test_payout_waiting_export_masks_bank_cards_and_batches_export_is_not_logged(
    claims, staff, client_for
):
    for claim in claims.values():
        services.claim_approve(actor=staff.reviewer, claim=claim)
    client = client_for(staff.finance)
    waiting = export_rows(client.get("/staff/claims/payouts/?export=waiting"))
    assert waiting[0][4] == "银行卡号（已遮蔽）"
    assert sorted(row[4] for row in waiting[1:]) == ["6222***********0123", "6222***********0987"]
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 1
    batch = services.payout_batch_create(actor=staff.finance)
    batches = export_rows(client.get("/staff/claims/payouts/?export=batches"))
    assert [row[0] for row in batches[1:]] == [batch.reference]
    assert batches[1][3] == 2 and batches[1][4] == float(sum(c.amount for c in claims.values()))
    assert AccessLog.objects.filter(action=AccessLog.Action.EXPORT).count() == 1
