import pytest

from gonghui.ratings import services

pytestmark = pytest.mark.django_db

RULES = {
    "deadline": "2026-12-31",
    "window_years": 1,
    "min_service_years": 0,
    "adjust_cap": 0,
    "sections": [
        {
            "code": "WORK",
            "name": "工作实绩",
            "cap": 100,
            "mode": "sum",
            "window": False,
            "items": [{"code": "EVENT", "name": "组织活动", "points": 5, "per_unit": True}],
        }
    ],
}


def test_cadres_are_ranked_within_their_group_quotas(tree, staff, switch_on):
    switch_on(tree.county, "ratings")
    appraisal = services.appraisal_create(
        actor=staff.admin,
        federation=tree.county,
        year=2025,
        name="2025 年度考核",
        rules=RULES,
        quotas={"镇街": 1, "企业": 2},
    )
    for name, union, group, n in [
        ("甲", tree.town_a, "镇街", 3),
        ("乙", tree.town_b, "镇街", 5),
        ("丙", tree.union_a1, "企业", 1),
        ("丁", tree.union_a2, "企业", 4),
        ("戊", tree.union_b1, "企业", 2),
    ]:
        services.appraisee_add(
            actor=staff.admin,
            appraisal=appraisal,
            name=name,
            union=union,
            group=group,
            evidence=[{"item": "WORK.EVENT", "date": "2026-05-01", "quantity": n}],
        )
    people = {p.name: p for p in services.appraisal_rank(actor=staff.admin, appraisal=appraisal)}
    assert {n for n, p in people.items() if p.commended} == {"乙", "丁", "戊"}
    assert people["乙"].score == 25 and people["丁"].rank == 1 and people["戊"].rank == 2
    with pytest.raises(Exception):
        services.appraisee_add(
            actor=staff.admin,
            appraisal=appraisal,
            name="己",
            union=tree.union_a1,
            group="企业",
            evidence=[],
        )
