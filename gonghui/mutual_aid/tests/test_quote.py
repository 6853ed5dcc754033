"""The benefit calculator on the member's phone, on the staff desk and in the API. Seed 000:
Mr. Cheng, 12 days in hospital locally, 自负 7,668.71, a severe first diagnosis, renewed in
all plans: 360 + 4,601 + 5,000 = 9,961 yuan, line by line."""

import datetime
import re

import pytest
import time_machine

from gonghui.mutual_aid.models import Plan
from gonghui.mutual_aid.rules import LINE_LABELS
from gonghui.mutual_aid.tests.factories import enroll, make_period, member_user
from gonghui.orgs.tests.factories import member

CHENG_STAY = {
    "type": "inpatient",
    "admission": "2021-04-01",
    "discharge": "2021-04-13",
    "place": "local",
    "self_responsibility": "7668.71",
    "critical": "severe",
    "first_diagnosed": "2021-04-02",
    "icd10": "C11",
}
CHENG_LINES = [
    ("INPATIENT.allowance", "360"),
    ("INPATIENT.subsidy", "4,601"),
    ("CRITICAL.lump_sum", "5,000"),
]


@pytest.fixture
def on_filing_day():
    with time_machine.travel(datetime.datetime(2021, 7, 21, 9, 0), tick=False):
        yield


@pytest.fixture
def cheng(tree, on_filing_day):
    previous = make_period(
        tree.county,
        code="T2020",
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2020, 12, 31),
    )
    period = make_period(tree.county)
    person = member(tree.union_a1, name="程先生", birth=datetime.date(1966, 3, 1))
    enroll(previous, [person], paid=True)
    enroll(period, [person], on=datetime.date(2020, 12, 15), paid=True)
    return person


def lines_of(html: str) -> list[tuple[str, str]]:
    return re.findall(r'data-line="([^"]+)".*?data-amount>([^<]+?)(?: 元)?<', html, re.S)


def test_mr_cheng_on_the_phone(client, cheng):
    client.force_login(member_user(cheng))
    html = client.post("/m/mutual-aid/quote/", CHENG_STAY).content.decode()
    assert lines_of(html) == CHENG_LINES
    assert re.search(r'data-figure="total">9,961 元<', html)
    assert all(LINE_LABELS[code] in html for code, _amount in CHENG_LINES)
    assert "第2期（T2021）" in html
    assert "没有提交申请" in html


def test_mr_cheng_on_the_staff_desk_by_id_number(client_for, staff, cheng):
    response = client_for(staff.reviewer).post(
        "/staff/mutual-aid/quote/", {**CHENG_STAY, "id_number": cheng.id_number}
    )
    html = response.content.decode()
    assert lines_of(html) == CHENG_LINES
    assert 'data-figure="total">9,961 元<' in html
    assert "T2021-v1" in html  # staff see the parameter version used


def test_staff_quote_from_facts_typed_in(client_for, staff, tree, on_filing_day):
    period = make_period(tree.county)
    html = (
        client_for(staff.union_a1)
        .post(
            "/staff/mutual-aid/quote/",
            {
                **CHENG_STAY,
                "period": period.pk,
                "gender": "male",
                "basic_medical_insurance": "on",
                "plans": ["INPATIENT", "CRITICAL"],
                "enrolled_on": "2020-12-15",
                "renewal": "on",
            },
        )
        .content.decode()
    )
    assert lines_of(html) == CHENG_LINES


def test_staff_cannot_quote_for_a_member_outside_their_subtree(client_for, staff, cheng):
    html = (
        client_for(staff.town_b)
        .post("/staff/mutual-aid/quote/", {**CHENG_STAY, "id_number": cheng.id_number})
        .content.decode()
    )
    assert lines_of(html) == []
    assert "没有这个身份证号的会员" in html


def test_mr_cheng_in_the_api(client, cheng):
    client.force_login(member_user(cheng))
    event = {
        "type": "inpatient",
        "admission": "2021-04-01",
        "discharge": "2021-04-13",
        "place": "local",
        "self_responsibility": "7668.71",
        "diagnosis": {"icd10": "C11", "first_diagnosed": "2021-04-02", "critical": "severe"},
    }
    data = client.post(
        "/api/mutual-aid/quote/", {"event": event}, content_type="application/json"
    ).json()
    assert data["total"] == "9961.00"
    assert [(line["code"], line["amount"]) for line in data["lines"]] == [
        ("INPATIENT.allowance", "360.00"),
        ("INPATIENT.subsidy", "4601.00"),
        ("CRITICAL.lump_sum", "5000.00"),
    ]
    assert all(line["explanation"] for line in data["lines"])
    assert data["refused"] == [] and data["period"] == "T2021"
    assert data["parameters_version"] == "T2021-v1"


def test_api_validation_speaks_chinese(client, cheng):
    client.force_login(member_user(cheng))
    response = client.post(
        "/api/mutual-aid/quote/",
        {"event": {"type": "inpatient", "admission": "2021-04-13", "discharge": "2021-04-01"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    errors = response.json()["event"]
    assert errors["discharge"] == ["出院日期不能早于入院日期。"]
    assert errors["self_responsibility"] == ["请填写结算单上的“自负”金额。"]


def test_the_member_form_explains_missing_facts(client, cheng):
    client.force_login(member_user(cheng))
    html = client.post("/m/mutual-aid/quote/", {"type": "birth"}).content.decode()
    assert "请填写孩子的出生日期。" in html


def test_unpaid_enrollment_does_not_cover_and_says_why(client, tree, on_filing_day):
    period = make_period(tree.county)
    woman = member(tree.union_a1, female=True, maternity_insurance=True)
    enroll(period, [woman], plans=[Plan.MATERNITY], on=datetime.date(2020, 12, 1))
    client.force_login(member_user(woman))
    html = client.post(
        "/m/mutual-aid/quote/", {"type": "birth", "birth_date": "2021-06-01"}
    ).content.decode()
    assert "尚未缴纳女职工生育特定互助金的互助金" in html
    assert 'data-refused="MATERNITY"' in html
    assert 'data-figure="total">0 元<' in html


def test_birth_for_a_paid_up_woman(client, tree, on_filing_day):
    period = make_period(tree.county)
    woman = member(tree.union_a1, female=True, maternity_insurance=True)
    enroll(period, [woman], plans=[Plan.MATERNITY], on=datetime.date(2020, 12, 1), paid=True)
    client.force_login(member_user(woman))
    html = client.post(
        "/m/mutual-aid/quote/", {"type": "birth", "birth_date": "2021-06-01"}
    ).content.decode()
    assert lines_of(html) == [("MATERNITY.lump_sum", "600")]


def test_staff_recalculate_keeps_the_chosen_member(client_for, staff, cheng):
    client = client_for(staff.union_a1)
    first = client.post(
        f"/staff/mutual-aid/quote/?member={cheng.pk}", {**CHENG_STAY, "member": cheng.pk}
    ).content.decode()
    assert f'name="member" value="{cheng.pk}"' in first
    assert lines_of(first) == CHENG_LINES
    again = client.post(
        "/staff/mutual-aid/quote/", {**CHENG_STAY, "place": "elsewhere", "member": cheng.pk}
    ).content.decode()
    assert ("INPATIENT.subsidy", "3,834") in lines_of(again)  # 7,668.71 × 50%, half up


def test_member_situations_read_at_once_are_each_members_own(cheng, tree):
    from gonghui.mutual_aid import quotes
    from gonghui.orgs.models import Member

    other = member(tree.union_a1, name="另一位")
    members = Member.objects.filter(pk__in=[cheng.pk, other.pk]).select_related("union")
    situations = quotes.member_situations(members, member_ids=members.values("pk"))
    for person in members:
        alone = quotes.member_situation(person)
        assert situations[person.pk] == alone
    assert len(situations[cheng.pk].enrollments) > 0 == len(situations[other.pk].enrollments)


def test_the_phone_result_offers_to_file_the_claim_with_what_was_typed(client, cheng):
    client.force_login(member_user(cheng))
    html = client.post("/m/mutual-aid/quote/", CHENG_STAY).content.decode()
    offer = html[html.index('data-testid="file-claim"') :]
    offer = offer[: offer.index("</form>")]
    assert "现在就申请报销" in offer
    assert 'name="self_responsibility" value="7668.71"' in offer
    response = client.post("/m/claims/new/from-quote/", CHENG_STAY)
    assert response["Location"] == "/m/claims/new/inpatient/"
    facts_page = client.get(response["Location"]).content.decode()
    assert 'value="2021-04-01"' in facts_page and 'value="7668.71"' in facts_page


def test_nothing_payable_offers_no_claim(client, cheng):
    client.force_login(member_user(cheng))
    html = client.post(
        "/m/mutual-aid/quote/", {**CHENG_STAY, "type": "special_outpatient", "critical": "none"}
    ).content.decode()
    assert 'data-testid="file-claim"' not in html


def test_the_amount_hint_is_help_text_not_a_filled_looking_placeholder(client, cheng):
    client.force_login(member_user(cheng))
    html = client.get("/m/mutual-aid/quote/").content.decode()
    assert 'placeholder="7668.71"' not in html
    assert "如 7,668.71" in html
    assert 'placeholder="7668.71"' not in client.get("/m/claims/new/inpatient/").content.decode()
