"""The per-federation service switch, tried on the test-only optional service "trial": off by
default, switched by the federation's county administrator, and when off new actions stop
while what members hold stays readable."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.models import Role
from gonghui.core.models import ServiceSwitch, ServiceSwitchEvent
from gonghui.core.services import service_switch_set
from gonghui.core.switches import federation_id_of, service_enabled
from gonghui.mutual_aid.tests.factories import member_user
from gonghui.orgs.models import OrgKind
from gonghui.orgs.tests.factories import UserFactory, member, org

OFF = "本县（市、区）总工会未开通此项服务"

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(tree):
    return member_user(member(tree.union_a1))


@pytest.fixture
def other_county(db):
    """A second federation with its own member and administrator."""
    county = org("U", "另一县总工会", OrgKind.FEDERATION)
    union = org("U-1", "另一县一厂工会", OrgKind.SINGLE, county)
    return {
        "county": county,
        "worker": member_user(member(union)),
        "admin": UserFactory(role=Role.COUNTY_ADMIN, org=county),
    }


def _text(response) -> str:
    return response.content.decode()


def test_an_optional_service_is_off_in_a_new_federation(trial_service, tree):
    assert not service_enabled(tree.county, "trial")
    assert service_enabled(tree.county, "claims")  # core services are always on
    assert not ServiceSwitch.objects.exists()


def test_switched_off_the_write_pages_and_endpoints_refuse_in_chinese(
    trial_service, tree, staff, worker, client, client_for
):
    client.force_login(worker)
    apply = client.get("/trial/apply/")
    assert apply.status_code == 403 and OFF in _text(apply)
    assert "试用服务" in _text(apply)  # the page names the service
    posted = client.post("/trial/api/", {}, content_type="application/json")
    assert posted.status_code == 403 and posted.json()["detail"] == OFF
    manage = client_for(staff.union_a1).get("/trial/manage/")
    assert manage.status_code == 403 and OFF in _text(manage)


def test_switched_off_what_members_hold_stays_readable(trial_service, tree, worker, client):
    client.force_login(worker)
    mine = client.get("/trial/mine/")
    assert mine.status_code == 200 and "我的试用券：1 张" in _text(mine)
    assert "再报名" not in _text(mine)  # no new action offered while off
    assert client.get("/trial/api/").json() == {"held": 1}


def test_switched_on_the_pages_work_and_offer_new_actions(
    trial_service, tree, staff, worker, client, client_for, switch_on
):
    switch_on(tree.county, "trial")
    client.force_login(worker)
    assert client.get("/trial/apply/").status_code == 200
    assert "再报名" in _text(client.get("/trial/mine/"))
    assert client.post("/trial/api/", {}, content_type="application/json").status_code == 201
    assert client_for(staff.town_a).get("/trial/manage/").status_code == 200


def test_the_switch_of_one_federation_leaves_another_alone(
    trial_service, tree, worker, other_county, client, switch_on
):
    switch_on(other_county["county"], "trial")
    client.force_login(worker)
    assert client.get("/trial/apply/").status_code == 403
    client.force_login(other_county["worker"])
    assert client.get("/trial/apply/").status_code == 200


def test_the_federation_of_a_user_is_the_root_of_their_path(tree, staff, worker):
    assert federation_id_of(staff.union_a1) == tree.county.pk
    assert federation_id_of(staff.town_b) == tree.county.pk
    assert federation_id_of(worker) == tree.county.pk
    outsider = UserFactory(role=Role.MEMBER)  # a sign-in account with no member record
    assert federation_id_of(outsider) is None


def test_the_administrator_switches_on_and_off_with_an_event_each_time(
    trial_service, tree, staff, client_for
):
    client = client_for(staff.admin)
    page = client.get("/staff/services/")
    assert page.status_code == 200 and "试用服务" in _text(page) and "未开通" in _text(page)
    response = client.post(
        "/staff/services/", {"key": "trial", "enabled": "on", "note": "今年起开展"}, follow=True
    )
    assert "“试用服务”已开通" in _text(response)
    assert service_enabled(tree.county, "trial")
    client.post("/staff/services/", {"key": "trial", "enabled": "off"})
    assert not service_enabled(tree.county, "trial")
    switch = ServiceSwitch.objects.get(federation=tree.county, key="trial")
    assert switch.changed_by == staff.admin and not switch.enabled
    events = list(switch.events.order_by("id").values_list("old_enabled", "new_enabled", "note"))
    assert events == [(False, True, "今年起开展"), (True, False, "")]
    page = _text(client.get("/staff/services/"))
    assert "今年起开展" in page and str(staff.admin) in page and "停用" in page


def test_a_second_identical_click_changes_nothing(trial_service, tree, staff):
    assert service_switch_set(actor=staff.admin, federation=tree.county, key="trial", enabled=True)
    assert not service_switch_set(
        actor=staff.admin, federation=tree.county, key="trial", enabled=True
    )
    assert ServiceSwitchEvent.objects.count() == 1


@pytest.mark.parametrize("who", ["union_a1", "town_a", "reviewer", "finance", "auditor"])
def test_only_the_county_administrator_may_switch(trial_service, tree, staff, client_for, who):
    user = getattr(staff, who)
    client = client_for(user)
    assert client.get("/staff/services/").status_code == 403
    assert client.post("/staff/services/", {"key": "trial", "enabled": "on"}).status_code == 403
    with pytest.raises(PermissionDenied):
        service_switch_set(actor=user, federation=tree.county, key="trial", enabled=True)
    assert not service_enabled(tree.county, "trial")


def test_an_administrator_below_the_federation_or_of_another_one_may_not_switch(
    trial_service, tree, other_county
):
    town_admin = UserFactory(role=Role.COUNTY_ADMIN, org=tree.town_a)
    for actor in (town_admin, other_county["admin"]):
        with pytest.raises(PermissionDenied):
            service_switch_set(actor=actor, federation=tree.county, key="trial", enabled=True)
    assert not ServiceSwitch.objects.exists()


def test_core_and_unknown_services_cannot_be_switched(trial_service, tree, staff, client_for):
    for key in ("claims", "nonexistent"):
        with pytest.raises(ValidationError):
            service_switch_set(actor=staff.admin, federation=tree.county, key=key, enabled=False)
    response = client_for(staff.admin).post(
        "/staff/services/", {"key": "claims", "enabled": "off"}, follow=True
    )
    assert "没有这项可选服务" in _text(response)
    assert not ServiceSwitch.objects.exists() and service_enabled(tree.county, "claims")


def test_the_switches_are_read_once_per_request(trial_service, tree, staff, client_for):
    client = client_for(staff.union_a1)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/staff/")
    switch_reads = [q["sql"] for q in queries if "core_serviceswitch" in q["sql"]]
    assert page.status_code == 200 and len(switch_reads) == 1


def test_the_api_lists_services_and_switches_them_for_the_administrator(
    trial_service, tree, staff, client_for
):
    client = client_for(staff.admin)
    listed = {s["key"]: s for s in client.get("/api/services/").json()}
    assert listed["trial"]["enabled"] is False and listed["trial"]["core"] is False
    assert listed["claims"]["enabled"] is True and listed["claims"]["name"] == "网上报销"
    response = client.post(
        "/api/services/trial/switch/",
        {"enabled": True, "note": "接口开通"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["enabled"] is True
    assert service_enabled(tree.county, "trial")
    refused = client_for(staff.reviewer).post(
        "/api/services/trial/switch/", {"enabled": False}, content_type="application/json"
    )
    assert refused.status_code == 403 and service_enabled(tree.county, "trial")
