"""The scoring cases (the project's and the public file) through the same code path as
`manage.py scoring_check`, the command itself, malformed input, and what the project's cases cover."""

import io
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from gonghui.craftsman.scoring import LINE_REASONS, REASONS
from gonghui.craftsman.scoring.cases import BrokenCase, Case, check, parse_cases, read_cases

PROJECT_CASES = sorted((Path(__file__).parents[1] / "cases").glob("*.yaml"))
PUBLIC_CASES = Path(__file__).parents[4] / "shared" / "data" / "scoring-cases-public.yaml"
CASE_FILES = [*PROJECT_CASES, *([PUBLIC_CASES] if PUBLIC_CASES.exists() else [])]
ALL_CASES = [(path, case) for path in CASE_FILES for case in read_cases(path)]


def test_the_case_files_are_there():
    assert len(PROJECT_CASES) >= 6
    assert sum(1 for path, _ in ALL_CASES if path in PROJECT_CASES) >= 40


@pytest.mark.parametrize(
    "case", [case for _, case in ALL_CASES], ids=[f"{p.stem}: {c.name}" for p, c in ALL_CASES]
)
def test_scoring_case(case):
    assert isinstance(case, Case), getattr(case, "error", "")
    outcome = check(case)
    assert outcome.passed, "\n".join(outcome.detail)


@pytest.mark.skipif(not PUBLIC_CASES.exists(), reason="the shared public cases are not here")
def test_scoring_check_passes_the_public_file():
    out = io.StringIO()
    call_command("scoring_check", str(PUBLIC_CASES), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "7 passed, 0 failed"
    assert lines[0] == "PASS  a city first prize and two apprentices"
    assert len(lines) == 8


def test_scoring_check_runs_the_project_directory_and_names_each_file():
    out = io.StringIO()
    call_command("scoring_check", str(PROJECT_CASES[0].parent), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == f"{len(lines) - 1} passed, 0 failed"
    assert lines[0].startswith(f"PASS  {PROJECT_CASES[0].name} › ")


SCHEME = {
    "deadline": "2021-06-30",
    "window_years": 3,
    "min_service_years": 3,
    "adjust_cap": 5,
    "sections": [
        {
            "code": "CONTEST",
            "name": "技能竞赛",
            "cap": 20,
            "mode": "best",
            "window": True,
            "items": [
                {"code": "PROV_1", "name": "省级竞赛一等奖", "points": 20, "direct": True},
                {"code": "CITY_1", "name": "市级竞赛一等奖", "points": 15},
            ],
        },
        {
            "code": "MENTOR",
            "name": "带徒传技",
            "cap": 10,
            "mode": "sum",
            "window": True,
            "items": [
                {"code": "APPRENTICE", "name": "带徒（每名）", "points": 2, "per_unit": True}
            ],
        },
    ],
}
A1 = {
    "id": "A1",
    "service_years": 5,
    "applied_at": "2021-05-01T09:30:00",
    "evidence": [
        {"item": "CONTEST.CITY_1", "date": "2020-05-01", "ref": "GZ-2020-001"},
        {"item": "MENTOR.APPRENTICE", "date": "2021-01-10", "quantity": 2},
    ],
}
GOOD = {
    "name": "good",
    "scheme": SCHEME,
    "quota": 1,
    "applicants": [A1],
    "expect": {"scores": {"A1": "19"}, "selected": ["A1"], "direct": []},
}


def case(**changes):
    return {**GOOD, **changes}


def test_a_failing_a_malformed_and_an_unreadable_case_fail_by_name(tmp_path):
    wrong = case(name="wrong score", expect={"scores": {"A1": "19.5"}, "direct": ["A1"]})
    no_scheme = {k: v for k, v in case(name="no scheme").items() if k != "scheme"}
    cases_file = tmp_path / "cases.yaml"
    cases_file.write_text(
        yaml.safe_dump({"cases": [GOOD, wrong, no_scheme]}, allow_unicode=True), encoding="utf-8"
    )
    broken_file = tmp_path / "broken.yaml"
    broken_file.write_text("cases: [\n  - name: {", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("scoring_check", str(cases_file), str(broken_file), stdout=out)
    assert exited.value.code == 1
    lines = out.getvalue().splitlines()
    assert lines[:7] == [
        "PASS  cases.yaml › good",
        "FAIL  cases.yaml › wrong score",
        "      scores: expected {A1=19.5} actual {A1=19}",
        "      direct: expected ['A1'] actual []",
        "FAIL  cases.yaml › no scheme",
        "      malformed: `scheme` is missing",
        f"FAIL  broken.yaml › {broken_file}",
    ]
    assert lines[7].startswith("      malformed: cannot read the file: ")
    assert lines[8:] == ["1 passed, 3 failed"]


def test_a_wrong_selection_order_and_level_are_reported():
    levels = {**SCHEME, "levels": [{"code": "L", "name": "合格", "min": 10}]}
    (parsed,) = parse_cases(
        {"cases": [case(scheme=levels, expect={"scores": {"A1": 19}, "levels": {"A1": None}})]}
    )
    assert check(parsed).detail == ("levels: expected {A1=None} actual {A1=L}",)


def test_a_missing_file_is_a_bad_argument():
    with pytest.raises(CommandError) as raised:
        call_command("scoring_check", "/nowhere/cases.yaml", stdout=io.StringIO())
    assert raised.value.returncode == 2


def with_line(**line):
    return {**A1, "evidence": [{"date": "2020-05-01", **line}]}


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"applicants": [with_line(item="CONTEST.WORLD_1")]},
            "第 1 条材料的评分项“CONTEST.WORLD_1”不在本方案的评分规则中",
        ),
        (
            {"applicants": [with_line(item="CONTEST.CITY_1", quantity=2)]},
            "第 1 条材料“市级竞赛一等奖”不按数量计分，数量只能为 1（填写了 2）",
        ),
        (
            {"applicants": [with_line(item="MENTOR.APPRENTICE", quantity=0)]},
            "第 1 条材料的数量应不少于 1",
        ),
        ({"applicants": [{**A1, "adjustment": 5.5}]}, "评审调整 5.5 分超出允许范围（±5 分）"),
        ({"applicants": [{**A1, "adjustment": -6}]}, "评审调整 -6 分超出允许范围（±5 分）"),
        (
            {
                "scheme": {
                    **SCHEME,
                    "levels": [
                        {"code": "HIGH", "name": "高", "min": 80},
                        {"code": "LOW", "name": "低", "min": 60},
                    ],
                }
            },
            "等级应按最低分由低到高排列：LOW（60）不高于 HIGH（80）",
        ),
        (
            {
                "scheme": {
                    **SCHEME,
                    "levels": [{"code": "L", "name": "合", "min": 1, "requires": ["X.Y"]}],
                }
            },
            "等级 L 要求的评分项“X.Y”不存在",
        ),
        ({"scheme": {**SCHEME, "adjust_cap": "1.25"}}, "“adjust_cap”最多保留一位小数"),
        ({"scheme": {**SCHEME, "deadline": "2021-02-30"}}, "“deadline”不是有效日期"),
        (
            {"scheme": {**SCHEME, "sections": [{**SCHEME["sections"][0], "mode": "max"}]}},
            "应为 best 或 sum",
        ),
        (
            {"expect": {"scores": {"A1": 19}, "refused": {"A1": "TOO_YOUNG"}}},
            "unknown reason code TOO_YOUNG",
        ),
        ({"expect": {"scores": {"A1": 19, "B7": 3}}}, "`expect` names unknown applicants: B7"),
        ({"expect": {"selected": ["A1"]}}, "missing `expect.scores`"),
        (
            {"applicants": [{**A1, "applied_at": "May Day"}]},
            "`A1.applied_at` is not a date and time",
        ),
    ],
)
def test_malformed_cases_say_what_is_wrong(changes, error):
    (parsed,) = parse_cases({"cases": [case(name="malformed", **changes)]})
    outcome = check(parsed)
    assert not outcome.passed
    text = parsed.error if isinstance(parsed, BrokenCase) else outcome.detail[0]
    assert error in text


def test_points_compare_as_decimals_whatever_their_form():
    for written in (19, "19", "19.0", 19.0):
        (parsed,) = parse_cases({"cases": [case(expect={"scores": {"A1": written}})]})
        assert check(parsed).passed, written


def _project_cases():
    for path in PROJECT_CASES:
        yield from yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def test_project_cases_cover_every_reason_mode_and_expectation():
    cases = list(_project_cases())
    codes = {c for x in cases for c in x["expect"].get("refused", {}).values()}
    codes |= {c for x in cases for c in x["expect"].get("refused_lines", {}).values()}
    assert codes == set(REASONS)
    assert set(LINE_REASONS) <= codes
    modes = {s["mode"] for x in cases for s in x["scheme"]["sections"]}
    assert modes == {"best", "sum"}
    keys = {k for x in cases for k in x["expect"]}
    assert keys == {
        "scores",
        "sections",
        "refused",
        "refused_lines",
        "direct",
        "selected",
        "levels",
    }
    assert any(a.get("adjustment", 0) < 0 for x in cases for a in x["applicants"])
