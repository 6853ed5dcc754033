"""Factories for the registry: a small tree with two towns, so scoping can be tested."""

import datetime
import itertools
import random
from types import SimpleNamespace

import factory

from gonghui.accounts.models import Role, User
from gonghui.core import sample
from gonghui.orgs import services
from gonghui.orgs.models import Enterprise, Organisation, OrgKind

_sequence = itertools.count(1)
PASSWORD = "test-password-123"


def org(code, name, kind, parent=None) -> Organisation:
    node = Organisation.objects.create(code=code, name=name, kind=kind, parent=parent)
    services.rebuild_paths([node])
    node.refresh_from_db()
    return node


def enterprise(union, area, *, staff_count=50, name=None) -> Enterprise:
    rng = random.Random(next(_sequence))
    return Enterprise.objects.create(
        name=name or f"测试企业{next(_sequence)}",
        credit_code=sample.credit_code(rng),
        staff_count=staff_count,
        union=union,
        area=area,
    )


def id_number(*, female=False, birth=datetime.date(1980, 6, 15)) -> str:
    n = next(_sequence)
    sequence = (n * 2) % 1000 + (0 if female else 1)
    return sample.id_number(birth, sequence)


def member(union, *, female=False, birth=datetime.date(1980, 6, 15), **fields):
    n = next(_sequence)
    fields.setdefault("name", f"会员{n}")
    fields.setdefault("mobile", f"137{n:08d}")
    return services.member_create(
        actor=None, id_number=id_number(female=female, birth=birth), union=union, **fields
    )


def build_tree() -> SimpleNamespace:
    """county ─┬─ town A ─ union A1 (single), union A2 (joint)
    └─ town B ─ union B1 (single)"""
    county = org("T", "测试县总工会", OrgKind.FEDERATION)
    town_a = org("TA", "甲镇总工会", OrgKind.TOWN, county)
    town_b = org("TB", "乙镇总工会", OrgKind.TOWN, county)
    union_a1 = org("TA-1", "甲镇一厂工会", OrgKind.SINGLE, town_a)
    union_a2 = org("TA-2", "甲镇联合工会", OrgKind.JOINT, town_a)
    union_b1 = org("TB-1", "乙镇一厂工会", OrgKind.SINGLE, town_b)
    return SimpleNamespace(
        county=county,
        town_a=town_a,
        town_b=town_b,
        union_a1=union_a1,
        union_a2=union_a2,
        union_b1=union_b1,
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save(update_fields=["password"])


def make_staff(tree) -> SimpleNamespace:
    return SimpleNamespace(
        union_a1=UserFactory(role=Role.UNION_STAFF, org=tree.union_a1),
        town_a=UserFactory(role=Role.TOWN_STAFF, org=tree.town_a),
        town_b=UserFactory(role=Role.TOWN_STAFF, org=tree.town_b),
        reviewer=UserFactory(role=Role.COUNTY_REVIEWER, org=tree.county),
        finance=UserFactory(role=Role.COUNTY_FINANCE, org=tree.county),
        admin=UserFactory(role=Role.COUNTY_ADMIN, org=tree.county),
        auditor=UserFactory(role=Role.AUDITOR, org=tree.county),
    )
