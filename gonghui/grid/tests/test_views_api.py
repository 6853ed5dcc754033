"""Pages and the API: filing on the pages, privacy (another grid, another union, another town,
a member who is not a party), the logged full view, the member's report and the follow-up by
case number."""

from decimal import Decimal

import pytest

from gonghui.accounts.models import User
from gonghui.core.models import AccessLog
from gonghui.grid.models import Case, Kind, Status
from gonghui.grid.tests.factories import file_case
from gonghui.orgs.tests.factories import member

pytestmark = pytest.mark.django_db


def _member_user(person, name):
    person.user = User.objects.create(username=name, role="member")
    person.save()
    return person.user


def test_a_grid_member_files_on_the_page_and_lands_on_the_case(g, client_for):
    client = client_for(g.user_a)
    response = client.post("/staff/grid/new/", {
        "kind": "wage_arrears", "severity": "high", "title": "拖欠工资", "facts": "三个月未发工资",
        "workers": "袁小军 331004199001010011 13900001111\n王小明", "enterprise_party": "on",
        "people": "12", "amount": "86000",
    })  # fmt: skip
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/grid/cases/{case.pk}/"
    assert case.level == "county" and case.parties.count() == 3
    page = client.get(response["Location"]).content.decode()
    assert case.code in page and "331004********0011" in page and "331004199001010011" not in page


def test_another_grid_member_and_another_union_cannot_see_a_case(g, client_for, staff):
    case = file_case(g.user_a, g)
    for user in (g.user_b, staff.town_b):
        client = client_for(user)
        assert client.get(f"/staff/grid/cases/{case.pk}/").status_code == 404
        assert client.get(f"/api/grid/cases/{case.pk}/").status_code == 404
        assert client.get("/api/grid/cases/").json()["count"] == 0
    client = client_for(staff.town_a)
    assert client.get(f"/api/grid/cases/{case.pk}/").json()["code"] == case.code


def test_the_api_lists_parties_masked_and_the_full_view_is_logged(g, client_for, staff):
    case = file_case(g.user_a, g)
    client = client_for(staff.union_a1)
    party = client.get(f"/api/grid/cases/{case.pk}/").json()["parties"][0]
    assert party["id_number"] == "331004********0011" and party["name"] == "袁*军"
    page = client.get(f"/staff/grid/cases/{case.pk}/parties/{party['id']}/").content.decode()
    assert "331004199001010011" in page
    log = AccessLog.objects.get()
    assert log.user == staff.union_a1 and log.action == "view_id_number"


def test_the_api_walks_a_case_through_and_refuses_bad_input_with_a_field(g, client_for, staff):
    client = client_for(g.user_a)
    created = client.post("/api/grid/cases/", {
        "kind": "labour_dispute", "severity": "low", "title": "争议", "facts": "事实",
        "parties": [], "people": 1,
    }, content_type="application/json")  # fmt: skip
    assert created.status_code == 400 and "parties" in created.json()
    assert not Case.objects.exists()
    created = client.post("/api/grid/cases/", {
        "kind": "labour_dispute", "severity": "low", "title": "争议", "facts": "事实",
        "parties": [{"role": "worker", "name": "袁小军"}], "people": 1, "amount": "300",
        "enterprise": g.factory_a.pk,
    }, content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert client.post(f"/api/grid/cases/{pk}/accept/", {}, "application/json").json()[
        "status"] == "accepted"  # fmt: skip
    refused = client.post(f"/api/grid/cases/{pk}/agreement/", {
        "terms": "补发", "amount": "abc", "performance": "转账",
        "worker_signature": "x", "enterprise_signature": "x"}, "application/json")  # fmt: skip
    assert refused.status_code == 400 and "amount" in refused.json()
    assert Case.objects.get(pk=pk).status == Status.ACCEPTED


def test_a_member_reports_confidentially_and_follows_by_code(g, tree, client, staff):
    from gonghui.accounts.testing import sign_in

    worker = member(tree.union_a1, name="陈反映", mobile="13922220000", enterprise=g.factory_a)
    user = _member_user(worker, "m-chen")
    sign_in(client, user)
    response = client.post("/m/grid/report/", {
        "kind": "labour_dispute", "severity": "medium", "title": "加班未付费",
        "facts": "车间加班未付加班费", "people": "1", "confidential": "on",
    })  # fmt: skip
    case = Case.objects.get()
    assert response.status_code == 302 and case.confidential and case.level == "town"
    assert client.get(f"/api/grid/me/cases/{case.pk}/").json()["code"] == case.code
    client.logout()
    page = client.post("/m/grid/track/", {"code": case.code, "mobile": "13922220000"})
    assert "已登记" in page.content.decode() or case.code in page.content.decode()
    wrong = client.post("/m/grid/track/", {"code": case.code, "mobile": "13900000000"})
    assert case.title not in wrong.content.decode()


def test_a_member_sees_only_cases_they_filed_or_are_party_to(g, tree, client):
    from gonghui.accounts.testing import sign_in

    case = file_case(g.user_a, g)
    stranger = _member_user(member(tree.union_a1, name="路人"), "m-x")
    sign_in(client, stranger)
    assert client.get(f"/m/grid/cases/{case.pk}/").status_code == 404
    assert client.get(f"/api/grid/me/cases/{case.pk}/").status_code == 404
    party = member(tree.union_a1, name="袁小军")
    case.parties.filter(name="袁小军").update(member=party)
    sign_in(client, _member_user(party, "m-y"))
    assert client.get(f"/m/grid/cases/{case.pk}/").status_code == 200


def test_the_service_switch_refuses_new_cases_but_keeps_them_readable(g, tree, client_for,
                                                                    switch_on):  # fmt: skip
    case = file_case(g.user_a, g)
    switch_on(tree.county, "grid", enabled=False)
    client = client_for(g.user_a)
    assert client.get("/staff/grid/new/").status_code == 403
    assert client.get(f"/staff/grid/cases/{case.pk}/").status_code == 200
    refused = client.post(f"/api/grid/cases/{case.pk}/accept/", {}, "application/json")
    assert refused.status_code == 403


def test_lawyers_answer_questions_and_make_a_case(g, tree, client, client_for, staff):
    from gonghui.accounts.testing import sign_in
    from gonghui.orgs.tests.factories import UserFactory

    worker = member(tree.union_a1, name="问法律", enterprise=g.factory_a)
    sign_in(client, _member_user(worker, "m-q"))
    asked = client.post("/api/grid/me/questions/", {"category": "wages", "text": "加班费怎么算？"},
                        content_type="application/json")  # fmt: skip
    assert asked.status_code == 201
    lawyer = UserFactory(role="lawyer", org=tree.county)
    lawyer_client = client_for(lawyer)
    pk = asked.json()["id"]
    answered = lawyer_client.post(f"/api/grid/questions/{pk}/answer/",
                                  {"answer": "按劳动法第四十四条"}, "application/json")  # fmt: skip
    assert answered.json()["answer"] == "按劳动法第四十四条"
    made = lawyer_client.post(f"/api/grid/questions/{pk}/to-case/", {}, "application/json")
    code = made.json()["case"]
    case = Case.objects.get(code=code)
    assert case.channel == "question" and case.parties.get().member == worker
    assert client_for(staff.union_a1).get("/api/grid/questions/").status_code == 403


def test_figures_reproduce_amounts_by_town_and_year(g, staff, tree):
    from gonghui.grid.dashboard import by_town, figures

    for amount in ("1000", "2500.50"):
        file_case(g.user_a, g, amount=amount, kind=Kind.WAGE_ARREARS, people=2)
    import datetime

    year = datetime.date.today().year
    rows = {r["town__name"]: r for r in by_town(staff.admin, year)}
    assert rows["甲镇总工会"]["n"] == 2 and rows["甲镇总工会"]["amount"] == Decimal("3500.50")
    assert figures(staff.town_b, year)["cases"] == 0


def test_legal_events_and_health_checks_through_the_api(g, staff, client_for):
    import datetime

    client = client_for(staff.union_a1)
    today = datetime.date.today().isoformat()
    event = client.post("/api/grid/legal-events/", {"kind": "service", "date": today,
                        "topic": "劳动合同法进企业", "attendees": 40}, "application/json")  # fmt: skip
    assert event.status_code == 201 and event.json()["attendees"] == 40
    refused = client.post("/api/grid/health-checks/", {
        "enterprise": g.factory_a.pk, "date": today,
        "results": {"contracts": False}}, "application/json")  # fmt: skip
    assert refused.status_code == 400 and "results" in refused.json()
    assert client_for(staff.town_b).get("/api/grid/health-checks/").json()["count"] == 0
