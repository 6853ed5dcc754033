"""The points engine's Chinese trace and its pooled selection (GH-SCORE-1 rule 6 pools)."""

import datetime
from decimal import Decimal

import pytest

from gonghui.craftsman.scoring import (
    Applicant,
    Evidence,
    RulesError,
    rules_from_mapping,
    score,
    select,
)
from gonghui.craftsman.tests.test_scoring_cases import SCHEME

RULES = rules_from_mapping(SCHEME)


def applicant(id="A1", *lines, **fields):
    return Applicant(
        id=id,
        service_years=Decimal(5),
        applied_at=datetime.datetime(2021, 5, 1, 9, 30),
        evidence=tuple(lines),
        **fields,
    )


def line(item, day, ref="", quantity=1):
    return Evidence(item=item, date=datetime.date.fromisoformat(day), ref=ref, quantity=quantity)


def test_every_point_and_refusal_is_traced_in_chinese():
    result = score(
        applicant(
            "A1",
            line("CONTEST.CITY_1", "2020-05-01", "GZ-2020-001"),
            line("MENTOR.APPRENTICE", "2021-01-10", quantity=2),
            line("CONTEST.PROV_1", "2017-05-01"),
            line("MENTOR.APPRENTICE", "2021-07-01"),
            line("MENTOR.APPRENTICE", "2020-01-01", "GZ-2020-001"),
            adjustment=Decimal("-1.5"),
        ),
        RULES,
    )
    assert [step.text for step in result.trace] == [
        "市级竞赛一等奖（2020-05-01，证书 GZ-2020-001）：15 分",
        "带徒（每名）（2021-01-10）：2 分 × 2 = 4 分",
        "省级竞赛一等奖（2017-05-01）：不计分，日期早于计分期限起始日（3 年期限自 2018-06-30 起）",
        "带徒（每名）（2021-07-01）：不计分，日期晚于申报截止日（截止日 2021-06-30）",
        "带徒（每名）（2020-01-01，证书 GZ-2020-001）：不计分，证书编号与另一条材料重复，"
        "不重复计分（证书 GZ-2020-001）",
        "技能竞赛：取最高一项 15 分，计 15 分",
        "带徒传技：合计 4 分，计 4 分",
        "评审委员会调整：-1.5 分",
        "总分：17.5 分",
    ]
    assert result.total == Decimal("17.5")
    assert result.refused_lines == {3: "OUT_OF_WINDOW", 4: "AFTER_DEADLINE", 5: "DUPLICATE_REF"}
    assert not result.direct


def test_caps_direct_recognition_and_ineligibility_are_traced():
    capped = score(
        applicant(
            "A1",
            line("CONTEST.PROV_1", "2020-01-01"),
            line("MENTOR.APPRENTICE", "2020-01-01", quantity=7),
        ),
        RULES,
    )
    texts = [step.text for step in capped.trace]
    assert "带徒传技：合计 14 分，封顶 10 分，计 10 分" in texts
    assert texts[-1] == "直接认定：省级竞赛一等奖，排名在其他申报人之前"
    assert capped.direct and capped.total == 30
    short = score(
        Applicant(
            id="A2", service_years=Decimal(2), evidence=(line("CONTEST.PROV_1", "2020-01-01"),)
        ),
        RULES,
    )
    assert (
        short.trace[-1].text
        == "不符合申报条件：工作年限不足（2 年，须满 3 年），不计总分、不参加排名"
    )
    assert short.total is None and short.reason == "SERVICE_YEARS"


def test_refused_input_raises_a_chinese_message():
    with pytest.raises(RulesError, match="不在本方案的评分规则中"):
        score(applicant("A1", line("CONTEST.NOPE", "2020-01-01")), RULES)
    with pytest.raises(RulesError, match="超出允许范围"):
        score(applicant("A1", adjustment=Decimal(6)), RULES)


def test_pools_rank_on_their_own_and_pass_unused_places_to_a_final_pool():
    def one(id, pool, points_item, day="2020-01-01", at=9):
        return score(
            Applicant(
                id=id,
                service_years=Decimal(5),
                applied_at=datetime.datetime(2021, 5, 1, at),
                pool=pool,
                evidence=(line(points_item, day),),
            ),
            RULES,
        )

    results = [
        one("N1", "north", "CONTEST.CITY_1"),
        one("N2", "north", "MENTOR.APPRENTICE"),
        one("N3", "north", "CONTEST.CITY_1", at=10),
        one("S1", "south", "MENTOR.APPRENTICE"),
    ]
    chosen = select(results, pools={"north": 1, "south": 2})
    # north takes its best (N1, earlier than N3); south has one applicant and leaves a place,
    # which goes to the best of everyone not yet selected (N3 before N2).
    assert [(s.applicant_id, s.pool, s.rank) for s in chosen] == [
        ("N1", "north", 1),
        ("S1", "south", 1),
        ("N3", "", 1),
    ]
    assert [s.applicant_id for s in select(results, quota=2)] == ["N1", "N3"]


def test_window_start_on_leap_day():
    leap = rules_from_mapping({**SCHEME, "deadline": "2024-02-29", "window_years": 1})
    assert leap.window_start == datetime.date(2023, 2, 28)
