import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from gonghui.core import sample
from gonghui.orgs import services
from gonghui.orgs.models import Member
from gonghui.orgs.tests import factories


@pytest.mark.django_db
def test_member_create_derives_birth_and_gender_and_encrypts(tree, staff):
    number = sample.id_number(datetime.date(1985, 2, 3), 246)
    member = services.member_create(
        actor=staff.union_a1,
        id_number=number.lower(),
        name=" 王芳 ",
        mobile="139 1234 5678",
        union=tree.union_a1,
        bank_card="6222 0212 3456 7890 123",
    )
    member.refresh_from_db()
    assert (member.name, member.gender, member.birth_date) == (
        "王芳",
        "female",
        datetime.date(1985, 2, 3),
    )
    assert member.mobile == "13912345678"
    assert member.id_number == number
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, bank_card FROM orgs_member WHERE id = %s", [member.pk])
        stored_id, stored_card = cursor.fetchone()
    assert number not in stored_id and stored_id.startswith("v1:")
    assert "6222021234567890123" not in stored_card


@pytest.mark.django_db
def test_member_create_refuses_bad_input_and_writes_nothing(tree, staff):
    cases = [
        ({"id_number": "331004198502031234"}, "校验位"),
        ({"mobile": "1234"}, "手机"),
        ({"bank_card": "12ab"}, "银行卡"),
        ({"union": tree.town_a}, "基层工会"),
    ]
    for change, _word in cases:
        fields = {
            "id_number": sample.id_number(datetime.date(1985, 2, 3), 11),
            "name": "张三",
            "mobile": "13900001111",
            "union": tree.union_a1,
        } | change
        with pytest.raises(ValidationError):
            services.member_create(actor=staff.town_a, **fields)
    assert Member.objects.count() == 0


@pytest.mark.django_db
def test_one_row_per_person(tree, staff):
    member = factories.member(tree.union_a1)
    with pytest.raises(ValidationError) as info:
        services.member_create(
            actor=staff.admin, id_number=member.id_number, name="重复", union=tree.union_b1
        )
    assert info.value.code == "duplicate"


@pytest.mark.django_db
def test_staff_cannot_create_members_outside_their_subtree_or_without_the_role(tree, staff):
    fields = {"id_number": sample.id_number(datetime.date(1990, 1, 1), 13), "name": "李四"}
    with pytest.raises(PermissionDenied):
        services.member_create(actor=staff.town_b, union=tree.union_a1, **fields)
    with pytest.raises(PermissionDenied):
        services.member_create(actor=staff.reviewer, union=tree.union_a1, **fields)
    with pytest.raises(PermissionDenied):
        services.member_create(actor=staff.union_a1, union=tree.union_a2, **fields)
    assert services.member_create(actor=staff.town_a, union=tree.union_a2, **fields).pk


@pytest.mark.django_db
def test_update_moves_member_within_scope_only(tree, staff):
    member = factories.member(tree.union_a1)
    services.member_update(actor=staff.town_a, member=member, union=tree.union_a2)
    assert Member.objects.get(pk=member.pk).union == tree.union_a2
    with pytest.raises(PermissionDenied):
        services.member_update(actor=staff.town_a, member=member, union=tree.union_b1)
