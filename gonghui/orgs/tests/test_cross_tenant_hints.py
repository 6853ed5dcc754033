"""Hole 10 of issue 11: what a union learns of members outside its subtree. Adding a person
registered elsewhere says only that, and whom to ask, never the other union; every full
number an answer carries (ID number, bank card) is in the access log."""

import pytest

from gonghui.core.models import AccessLog
from gonghui.orgs.models import Member
from gonghui.orgs.tests import factories


@pytest.fixture
def elsewhere(tree):
    return factories.member(tree.union_b1, name="乙镇职工", bank_card="6222021234567890123")


def member_fields(union, id_number):
    return {"name": "重复登记", "id_number": id_number, "union": union.pk, "status": "active"}


@pytest.mark.django_db
def test_the_page_does_not_name_the_other_union(client_for, tree, staff, elsewhere):
    page = client_for(staff.town_a).post(
        "/staff/members/new/", member_fields(tree.union_a1, elsewhere.id_number)
    )
    text = page.content.decode()
    assert "该身份证号已在其他工会登记" in text and "请联系测试县总工会办理" in text
    assert "乙镇一厂工会" not in text and "乙镇" not in text
    assert Member.objects.count() == 1


@pytest.mark.django_db
def test_the_api_does_not_name_the_other_union(client_for, tree, staff, elsewhere):
    response = client_for(staff.union_a1).post(
        "/api/members/",
        member_fields(tree.union_a1, elsewhere.id_number),
        content_type="application/json",
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "该身份证号已在其他工会登记" in text and "乙镇一厂工会" not in text


@pytest.mark.django_db
def test_staff_who_keep_both_unions_are_told_which(client_for, tree, staff, elsewhere):
    page = client_for(staff.admin).post(
        "/staff/members/new/", member_fields(tree.union_a1, elsewhere.id_number)
    )
    assert "该身份证号的会员已登记（在乙镇一厂工会）" in page.content.decode()


@pytest.mark.django_db
def test_the_sensitive_api_logs_the_bank_card_it_returns(client_for, staff, elsewhere):
    answer = client_for(staff.town_b).get(f"/api/members/{elsewhere.pk}/sensitive/").json()
    assert answer["bank_card"] == "6222021234567890123"
    logged = set(
        AccessLog.objects.filter(subject_id=str(elsewhere.pk)).values_list("action", flat=True)
    )
    assert logged == {AccessLog.Action.VIEW_ID_NUMBER, AccessLog.Action.VIEW_BANK_CARD}


@pytest.mark.django_db
def test_the_member_page_logs_both_too(client_for, staff, elsewhere):
    page = client_for(staff.town_b).get(f"/staff/members/{elsewhere.pk}/?reveal=1")
    assert "6222021234567890123" in page.content.decode()
    logged = set(
        AccessLog.objects.filter(subject_id=str(elsewhere.pk)).values_list("action", flat=True)
    )
    assert logged == {AccessLog.Action.VIEW_ID_NUMBER, AccessLog.Action.VIEW_BANK_CARD}
