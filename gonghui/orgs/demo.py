"""The demo federation: 路桥区总工会 (code LQ) with its streets and towns, single and joint
unions, enterprises and about 2,000 members. Names and numbers are invented."""

import datetime
import random

from django.db import transaction

from gonghui.core import sample
from gonghui.orgs.models import EmploymentGroup, Enterprise, Member, Organisation, OrgKind
from gonghui.orgs.services import rebuild_paths

FEDERATION = ("LQ", "路桥区总工会")
AREAS = [
    ("LQ01", "路桥街道总工会", OrgKind.STREET),
    ("LQ02", "路南街道总工会", OrgKind.STREET),
    ("LQ03", "螺洋街道总工会", OrgKind.STREET),
    ("LQ04", "桐屿街道总工会", OrgKind.STREET),
    ("LQ05", "峰江街道总工会", OrgKind.STREET),
    ("LQ06", "新桥镇总工会", OrgKind.TOWN),
    ("LQ07", "横街镇总工会", OrgKind.TOWN),
    ("LQ08", "蓬街镇总工会", OrgKind.TOWN),
    ("LQ09", "金清镇总工会", OrgKind.TOWN),
    ("LQ10", "路桥区汽摩配产业工会", OrgKind.INDUSTRY),
]
INDUSTRIES = ["汽摩配", "塑料制品", "机电", "物流", "商贸", "食品", "建材", "服装", "电子", "餐饮"]
ENTERPRISE_WORDS = [
    "华",
    "宏",
    "金",
    "鑫",
    "恒",
    "达",
    "泰",
    "诚",
    "信",
    "通",
    "力",
    "永",
    "新",
    "盛",
]
MEMBER_TARGET = 2000
DEMO_MEMBER_MOBILE = "13900000001"


def _enterprise_name(rng: random.Random, industry: str, used: set[str]) -> str:
    """A firm name not given before in this demo (two unions must not share a name)."""
    while True:
        name = f"台州市{''.join(rng.sample(ENTERPRISE_WORDS, 2))}{industry}有限公司"
        if name not in used:
            used.add(name)
            return name


@transaction.atomic
def load() -> dict:
    """Create the demo registry once; return the organisations the demo logins belong to."""
    existing = Organisation.objects.filter(code=FEDERATION[0]).first()
    if existing is None:
        _create(random.Random(20261122))
    union = Organisation.objects.get(code="LQ01-U01")
    return {
        "federation": Organisation.objects.get(code=FEDERATION[0]),
        "town": Organisation.objects.get(code="LQ01"),
        "union": union,
        "member": Member.objects.get(mobile=DEMO_MEMBER_MOBILE),
    }


def _create(rng: random.Random) -> None:
    federation = Organisation.objects.create(
        code=FEDERATION[0], name=FEDERATION[1], kind=OrgKind.FEDERATION
    )
    unions: list[tuple[Organisation, list[Enterprise]]] = []
    used_names: set[str] = set()
    for area_code, area_name, kind in AREAS:
        area = Organisation.objects.create(
            code=area_code, name=area_name, kind=kind, parent=federation
        )
        for number in range(1, 5):
            joint = number == 4
            industry = rng.choice(INDUSTRIES)
            if joint:
                name = (
                    f"{area_name.removesuffix('总工会').removesuffix('产业工会')}第{number}联合工会"
                )
            else:
                name = f"{_enterprise_name(rng, industry, used_names)}工会委员会"
            union = Organisation.objects.create(
                code=f"{area_code}-U{number:02d}",
                name=name,
                kind=OrgKind.JOINT if joint else OrgKind.SINGLE,
                parent=area,
            )
            covered = []
            for _index in range(rng.randint(3, 6) if joint else 1):
                enterprise_name = name.removesuffix("工会委员会") if not joint else None
                covered.append(
                    Enterprise.objects.create(
                        name=enterprise_name or _enterprise_name(rng, industry, used_names),
                        credit_code=sample.credit_code(rng),
                        staff_count=rng.randint(8, 40) if joint else rng.randint(60, 400),
                        industry=industry,
                        address=f"{area_name.removesuffix('总工会')}{rng.randint(1, 300)}号",
                        union=union,
                        area=area,
                    )
                )
            unions.append((union, covered))
        for _index in range(3):  # enterprises the union has not reached yet
            industry = rng.choice(INDUSTRIES)
            Enterprise.objects.create(
                name=_enterprise_name(rng, industry, used_names),
                credit_code=sample.credit_code(rng),
                staff_count=rng.choice((8, 12, 18, 30, 40, 120)),
                industry=industry,
                area=area,
            )
    rebuild_paths([federation])
    _create_members(rng, unions)


def _create_members(rng, unions) -> None:
    from gonghui.core import crypto

    members = []
    used_ids = set()
    index = 0
    groups = [choice for choice in EmploymentGroup.values if choice]
    weights = [5 if position % 8 == 0 else 1 for position in range(len(unions))]
    while len(members) < MEMBER_TARGET:
        # A few large single-union firms (the "100人以上企业" of seed 000) get most members.
        # The demo member (the first) belongs to the demo union LQ01-U01.
        union, covered = unions[0] if not members else rng.choices(unions, weights=weights)[0]
        enterprise = rng.choice(covered)
        birth = datetime.date(rng.randint(1964, 2003), rng.randint(1, 12), rng.randint(1, 28))
        number = sample.id_number(birth, rng.randint(0, 999))
        index += 1
        if number in used_ids:
            continue
        used_ids.add(number)
        female = int(number[16]) % 2 == 0
        members.append(
            Member(
                name=sample.chinese_name(rng),
                id_number=number,
                id_hash=crypto.lookup_hash(number),
                id_tail_hash=crypto.id_tail_hash(number),
                birth_date=birth,
                gender="female" if female else "male",
                mobile=DEMO_MEMBER_MOBILE if len(members) == 0 else sample.mobile(len(members) + 1),
                union=union,
                enterprise=enterprise,
                join_date=datetime.date(rng.randint(2005, 2025), rng.randint(1, 12), 1),
                basic_medical_insurance=rng.random() < 0.97,
                maternity_insurance=female and rng.random() < 0.8,
                bank_name=rng.choice(
                    ["中国工商银行", "中国农业银行", "台州银行", "浙江泰隆商业银行"]
                ),
                bank_card="6222" + "".join(str(rng.randint(0, 9)) for _ in range(15)),
                employment_group=rng.choice(groups)
                if enterprise.industry == "物流" and rng.random() < 0.5
                else "",
            )
        )
    Member.objects.bulk_create(members, batch_size=500)
    # Staff counts follow the members, so the demo's membership rate is about what a county
    # reports (90–99%), not an artefact of invented head-counts.
    per_enterprise: dict[int, int] = {}
    for member in members:
        per_enterprise[member.enterprise_id] = per_enterprise.get(member.enterprise_id, 0) + 1
    for enterprise in Enterprise.objects.filter(pk__in=per_enterprise):
        enterprise.staff_count = round(per_enterprise[enterprise.pk] / rng.uniform(0.9, 0.99))
        enterprise.save(update_fields=["staff_count"])
