"""A town user cannot read another town's member by list, detail, search or API; a member
reads only their own record; full ID numbers are shown only on request and logged."""

import pytest

from gonghui.core.models import AccessLog
from gonghui.orgs.tests import factories


@pytest.fixture
def people(tree):
    return {
        "a": factories.member(tree.union_a1, name="甲镇职工"),
        "b": factories.member(tree.union_b1, name="乙镇职工"),
    }


@pytest.mark.django_db
def test_list_shows_only_the_subtree(client_for, staff, people):
    page = client_for(staff.town_a).get("/staff/members/").content.decode()
    assert "甲镇职工" in page and "乙镇职工" not in page


@pytest.mark.django_db
def test_lists_mask_id_numbers(client_for, staff, people):
    page = client_for(staff.town_a).get("/staff/members/").content.decode()
    number = people["a"].id_number
    assert number not in page
    assert number[:6] + "********" + number[-4:] in page


@pytest.mark.django_db
def test_search_by_full_id_number_and_no_leak_across_towns(client_for, staff, people):
    client = client_for(staff.town_a)
    found = client.post("/staff/members/", {"q": people["a"].id_number.lower()}).content.decode()
    assert "甲镇职工" in found
    other = client.post("/staff/members/", {"q": people["b"].id_number}).content.decode()
    assert "乙镇职工" not in other
    by_name = client.get("/staff/members/", {"q": "乙镇"}).content.decode()
    assert "乙镇职工" not in by_name
    by_phone = client.get("/staff/members/", {"q": people["b"].mobile}).content.decode()
    assert "乙镇职工" not in by_phone


@pytest.mark.django_db
def test_detail_of_another_town_is_404(client_for, staff, people):
    client = client_for(staff.town_a)
    assert client.get(f"/staff/members/{people['a'].pk}/").status_code == 200
    assert client.get(f"/staff/members/{people['b'].pk}/").status_code == 404
    assert client.get(f"/staff/members/{people['b'].pk}/?reveal=1").status_code == 404
    assert client.get(f"/staff/members/{people['b'].pk}/edit/").status_code == 404


@pytest.mark.django_db
def test_api_list_detail_and_sensitive_are_scoped(client_for, staff, people):
    client = client_for(staff.town_a)
    listing = client.get("/api/members/").json()
    assert [row["name"] for row in listing["results"]] == ["甲镇职工"]
    assert "id_number" not in listing["results"][0]
    assert client.get(f"/api/members/{people['b'].pk}/").status_code == 404
    assert client.get(f"/api/members/{people['b'].pk}/sensitive/").status_code == 404
    search = "/api/members/search/"
    assert client.post(search, {"q": people["b"].id_number}).json()["count"] == 0
    assert client.post(search, {"q": people["a"].id_number}).json()["count"] == 1
    full = client.get(f"/api/members/{people['a'].pk}/sensitive/").json()
    assert full["id_number"] == people["a"].id_number
    assert AccessLog.objects.filter(user=staff.town_a, subject_id=str(people["a"].pk)).count() == 1


@pytest.mark.django_db
def test_api_member_filters_are_checked(client_for, staff, people, tree):
    """`?union=abc` reached the query as it was (500)."""
    client = client_for(staff.town_a)
    for name, value in (("union", "abc"), ("union", "0"), ("status", "gone")):
        response = client.get("/api/members/", {name: value})
        assert response.status_code == 400 and list(response.json()) == [name], (name, value)
    listing = client.get("/api/members/", {"union": tree.union_a1.pk, "status": "active"})
    assert [row["name"] for row in listing.json()["results"]] == ["甲镇职工"]


@pytest.mark.django_db
def test_full_id_view_is_logged_and_auditor_reads_the_log(client_for, staff, people):
    page = (
        client_for(staff.town_a).get(f"/staff/members/{people['a'].pk}/?reveal=1").content.decode()
    )
    assert people["a"].id_number in page
    entry = AccessLog.objects.get(action=AccessLog.Action.VIEW_ID_NUMBER)
    assert (entry.user, entry.subject_label, entry.org) == (
        staff.town_a,
        "甲镇职工",
        people["a"].union,
    )
    log_page = client_for(staff.auditor).get("/staff/access-log/").content.decode()
    assert "甲镇职工" in log_page
    assert client_for(staff.town_b).get("/staff/access-log/").status_code == 403


@pytest.mark.django_db
def test_auditor_sees_masked_values_only(client_for, staff, people):
    client = client_for(staff.auditor)
    assert client.get(f"/staff/members/{people['a'].pk}/?reveal=1").status_code == 403
    assert client.get(f"/api/members/{people['a'].pk}/sensitive/").status_code == 403
    assert client.post("/api/members/", {"name": "x"}).status_code == 403


@pytest.mark.django_db
def test_member_reads_only_their_own_record(client, tree, people):
    from gonghui.accounts.models import Role
    from gonghui.orgs.tests.factories import UserFactory

    user = UserFactory(role=Role.MEMBER)
    people["a"].user = user
    people["a"].save()
    client.force_login(user)
    assert client.get("/api/me/").json()["name"] == "甲镇职工"
    assert client.get("/api/members/").status_code == 403
    assert client.get(f"/api/members/{people['b'].pk}/").status_code == 403
    assert client.get(f"/staff/members/{people['b'].pk}/").status_code == 403
    page = client.get("/m/me/").content.decode()
    assert "甲镇职工" in page and "乙镇职工" not in page
    assert people["a"].id_number not in page


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client, people):
    assert client.get("/staff/members/")["Location"].startswith("/accounts/login/")
    assert client.get("/m/me/")["Location"].startswith("/m/login/")
    assert client.get("/api/members/").status_code == 403
