"""Staff pages of the registry: forms refuse bad input in Chinese and save good input."""

import datetime

import pytest

from gonghui.core import sample
from gonghui.orgs.models import Enterprise, Member
from gonghui.orgs.tests import factories


@pytest.mark.django_db
def test_member_create_form_saves_and_derives(client_for, tree, staff):
    number = sample.id_number(datetime.date(1979, 9, 9), 42)
    response = client_for(staff.union_a1).post(
        "/staff/members/new/",
        {
            "name": "孙丽",
            "id_number": number,
            "mobile": "13812345678",
            "union": tree.union_a1.pk,
            "status": "active",
        },
    )
    member = Member.objects.get()
    assert response["Location"] == f"/staff/members/{member.pk}/"
    assert (member.gender, member.birth_date) == ("female", datetime.date(1979, 9, 9))


@pytest.mark.django_db
def test_member_create_form_explains_a_bad_id_number_and_saves_nothing(client_for, tree, staff):
    page = (
        client_for(staff.union_a1)
        .post(
            "/staff/members/new/",
            {
                "name": "孙丽",
                "id_number": "331004197909091234",
                "union": tree.union_a1.pk,
                "status": "active",
            },
        )
        .content.decode()
    )
    assert "身份证号校验位不正确" in page
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_union_staff_cannot_pick_another_union_in_the_form(client_for, tree, staff):
    response = client_for(staff.union_a1).post(
        "/staff/members/new/",
        {
            "name": "甲",
            "id_number": sample.id_number(datetime.date(1979, 9, 9), 43),
            "union": tree.union_b1.pk,
            "status": "active",
        },
    )
    assert response.status_code == 200
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_enterprise_form_validates_credit_code(client_for, tree, staff):
    client = client_for(staff.town_a)
    page = client.post(
        "/staff/enterprises/new/",
        {
            "name": "某厂",
            "credit_code": "91331004MA2ABCDE1X",
            "staff_count": 30,
            "area": tree.town_a.pk,
        },
    ).content.decode()
    assert "统一社会信用代码" in page and "无效" in page
    assert Enterprise.objects.count() == 0
    code = factories.sample.credit_code(factories.random.Random(5))
    client.post(
        "/staff/enterprises/new/",
        {
            "name": "某厂",
            "credit_code": code,
            "staff_count": 30,
            "area": tree.town_a.pk,
            "union": tree.union_a1.pk,
        },
    )
    assert Enterprise.objects.get().union == tree.union_a1


@pytest.mark.django_db
def test_org_tree_page_shows_only_the_subtree(client_for, tree, staff):
    page = client_for(staff.town_a).get("/staff/orgs/").content.decode()
    assert "甲镇一厂工会" in page and "乙镇一厂工会" not in page


@pytest.mark.django_db
def test_outbox_shows_sms_of_the_subtree_only(client_for, tree, staff):
    from gonghui.notify.services import sms_send

    member_a = factories.member(tree.union_a1)
    member_b = factories.member(tree.union_b1)
    sms_send(mobile=member_a.mobile, text="甲镇短信", kind="hardship", member=member_a)
    sms_send(mobile=member_b.mobile, text="乙镇短信", kind="hardship", member=member_b)
    page = client_for(staff.town_a).get("/staff/outbox/").content.decode()
    assert "甲镇短信" in page and "乙镇短信" not in page


@pytest.mark.django_db
def test_openapi_schema_and_docs_page(client_for, staff):
    client = client_for(staff.union_a1)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    assert "/api/members/" in schema["paths"] and "/api/me/" in schema["paths"]
    docs = client.get("/api/docs/").content.decode()
    assert "/static/vendor/redoc/bundles/redoc.standalone.js" in docs


@pytest.mark.django_db
def test_landing_page_is_chinese(client):
    page = client.get("/").content.decode()
    assert "会员登录" in page and "工作人员登录" in page


@pytest.mark.django_db
def test_no_page_loads_anything_from_the_internet(client_for, tree, staff):
    """Union networks are often offline: every script, style and font is vendored."""
    import re

    member = factories.member(tree.union_a1)
    staff_client = client_for(staff.town_a)
    pages = [
        staff_client.get(url).content.decode()
        for url in (
            "/staff/",
            "/staff/members/",
            f"/staff/members/{member.pk}/",
            "/staff/coverage/",
            "/api/docs/",
        )
    ]
    from django.test import Client

    anonymous = Client()
    pages += [anonymous.get(url).content.decode() for url in ("/", "/m/login/", "/accounts/login/")]
    assert all("<html" in page for page in pages)
    for page in pages:
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
        assert external == []
