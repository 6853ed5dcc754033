"""The rule cases (the project's and the public file) through the same code path as
`manage.py rules_check`, the command itself, and what the project's cases cover."""

import io
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from gonghui.mutual_aid.rules import PARAMETERS, REASONS
from gonghui.mutual_aid.rules.cases import BrokenCase, Case, check, parse_cases, read_cases

PROJECT_CASES = sorted((Path(__file__).parents[1] / "rule_cases").glob("*.yaml"))
PUBLIC_CASES = Path(__file__).parents[4] / "shared" / "data" / "rule-cases-public.yaml"
CASE_FILES = [*PROJECT_CASES, *([PUBLIC_CASES] if PUBLIC_CASES.exists() else [])]
ALL_CASES = [(path, case) for path in CASE_FILES for case in read_cases(path)]


def test_the_case_files_are_there():
    assert len(PROJECT_CASES) >= 4
    assert sum(1 for path, _ in ALL_CASES if path in PROJECT_CASES) >= 45


@pytest.mark.parametrize(
    "case", [case for _, case in ALL_CASES], ids=[f"{p.stem}: {c.name}" for p, c in ALL_CASES]
)
def test_rule_case(case):
    outcome = check(case)
    assert outcome.passed, "\n".join(outcome.detail)


@pytest.mark.skipif(not PUBLIC_CASES.exists(), reason="the shared public cases are not here")
def test_rules_check_passes_the_public_file():
    out = io.StringIO()
    call_command("rules_check", str(PUBLIC_CASES), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == "6 passed, 0 failed"
    assert lines[0] == "PASS  seed 000: Mr. Cheng, nasopharyngeal carcinoma, all three lines"
    assert len(lines) == 7


def test_rules_check_passes_the_project_directory_and_names_each_file():
    out = io.StringIO()
    call_command("rules_check", str(PROJECT_CASES[0].parent), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[-1] == f"{len(lines) - 1} passed, 0 failed"
    assert lines[0].startswith(f"PASS  {PROJECT_CASES[0].name} › ")


MR_CHENG = {
    "name": "Mr. Cheng",
    "period": {"start": "2021-01-01", "end": "2021-12-31"},
    "member": {
        "gender": "male",
        "basic_medical_insurance": True,
        "maternity_insurance": False,
        "enrollment": {"plans": ["INPATIENT", "CRITICAL"], "date": "2020-12-15", "renewal": True},
    },
    "filed_on": "2021-07-21",
    "event": {
        "type": "inpatient",
        "admission": "2021-04-01",
        "discharge": "2021-04-13",
        "self_responsibility": "7668.71",
        "diagnosis": {"icd10": "C11", "first_diagnosed": "2021-04-02", "critical": "severe"},
    },
    "expect": {
        "lines": {
            "INPATIENT.subsidy": 4601,
            "INPATIENT.allowance": 360,
            "CRITICAL.lump_sum": 5000,
        },
        "total": 9961,
    },
}


def variant(name, **sections):
    return {**MR_CHENG, "name": name, **sections}


def test_a_failing_a_malformed_and_an_unreadable_case_fail_by_name(tmp_path):
    wrong = variant(
        "wrong subsidy",
        expect={"lines": {"INPATIENT.subsidy": 4602, "INPATIENT.allowance": 360}, "total": 9961},
    )
    no_period = {key: value for key, value in variant("no period").items() if key != "period"}
    cases_file = tmp_path / "cases.yaml"
    cases_file.write_text(
        yaml.safe_dump({"cases": [MR_CHENG, wrong, no_period]}, allow_unicode=True),
        encoding="utf-8",
    )
    broken_file = tmp_path / "broken.yaml"
    broken_file.write_text("cases: [\n  - name: {", encoding="utf-8")

    out = io.StringIO()
    with pytest.raises(SystemExit) as exited:
        call_command("rules_check", str(cases_file), str(broken_file), stdout=out)
    assert exited.value.code == 1
    lines = out.getvalue().splitlines()
    assert lines[:7] == [
        "PASS  cases.yaml › Mr. Cheng",
        "FAIL  cases.yaml › wrong subsidy",
        "      expected: lines {INPATIENT.subsidy=4602, INPATIENT.allowance=360} refused {} total 9961",
        "      actual:   lines {INPATIENT.subsidy=4601, INPATIENT.allowance=360, "
        "CRITICAL.lump_sum=5000} refused {} total 9961",
        "FAIL  cases.yaml › no period",
        "      malformed: `period` is missing",
        f"FAIL  broken.yaml › {broken_file}",
    ]
    assert lines[7].startswith("      malformed: cannot read the file: ")
    assert lines[8:] == ["1 passed, 3 failed"]


def test_a_missing_file_is_a_bad_argument():
    with pytest.raises(CommandError) as raised:
        call_command("rules_check", "/nowhere/cases.yaml", stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert "no such file: /nowhere/cases.yaml" in str(raised.value)


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"filed_on": "2021-02-30"}, "`filed_on` is not a date: '2021-02-30'"),
        ({"filed_on": None}, "missing `filed_on`"),
        ({"parameters": {"INPATIENT.rate": "0.6"}}, "未知参数“INPATIENT.rate”"),
        ({"parameters": {"rounding": "bankers"}}, "参数“rounding”"),
        (
            {
                "member": {
                    **MR_CHENG["member"],
                    "enrollment": {"plans": ["DENTAL"], "date": "2021-01-01", "renewal": True},
                }
            },
            "unknown plan DENTAL in `member.enrollment.plans`",
        ),
        ({"member": {**MR_CHENG["member"], "gender": "other"}}, "性别应为 male 或 female"),
        (
            {"event": {**MR_CHENG["event"], "self_responsibility": "lots"}},
            "`event.self_responsibility` is not an amount",
        ),
        ({"event": {**MR_CHENG["event"], "type": "dental"}}, "事件类型应为"),
        ({"event": {"type": "diagnosis"}}, "确诊事件须有诊断"),
        ({"expect": {"lines": {"INPATIENT.bonus": 1}}}, "unknown line INPATIENT.bonus"),
        ({"expect": {"refused": {"INPATIENT": "TOO_LATE"}}}, "unknown reason code TOO_LATE"),
        ({"before": {"INPATIENT.paid": 100}}, "unknown key INPATIENT.paid in `before`"),
    ],
)
def test_malformed_cases_say_what_is_wrong(changes, error):
    (parsed,) = parse_cases({"cases": [variant("malformed", **changes)]})
    assert isinstance(parsed, BrokenCase)
    assert parsed.name == "malformed"
    assert error in parsed.error
    assert not check(parsed).passed


def test_cases_without_names_duplicates_and_files_without_cases_are_reported():
    parsed = parse_cases({"cases": [MR_CHENG, MR_CHENG, {"period": {}}, "text"]}, source="f.yaml")
    assert [type(case).__name__ for case in parsed] == [
        "Case",
        "BrokenCase",
        "BrokenCase",
        "BrokenCase",
    ]
    assert parsed[1].error == "the name is used by an earlier case in this file"
    assert (parsed[2].name, parsed[2].error) == ("f.yaml case #3", "missing `name`")
    assert (parsed[3].name, parsed[3].error) == ("f.yaml case #4", "the case is not a mapping")
    (empty,) = parse_cases(None, source="empty.yaml")
    assert (empty.name, empty.error) == ("empty.yaml", "the file has no list under `cases:`")


def test_amounts_compare_as_decimals_whatever_their_form():
    birth = {
        "name": "630.51",
        "period": {"start": "2021-01-01", "end": "2021-12-31"},
        "parameters": {"MATERNITY.amount": "630.51"},
        "member": {
            "gender": "female",
            "basic_medical_insurance": True,
            "maternity_insurance": True,
            "enrollment": {"plans": ["MATERNITY"], "date": "2020-12-15", "renewal": True},
        },
        "filed_on": "2021-06-01",
        "event": {"type": "birth", "date": "2021-05-14"},
    }
    for written in (630.51, "630.51", "630.510", Decimal("630.51")):
        (case,) = parse_cases(
            {
                "cases": [
                    {
                        **birth,
                        "expect": {"lines": {"MATERNITY.lump_sum": written}, "total": written},
                    }
                ]
            }
        )
        assert check(case).passed, written
    (case,) = parse_cases(
        {"cases": [{**birth, "expect": {"lines": {"MATERNITY.lump_sum": "630.52"}}}]}
    )
    assert not check(case).passed


def test_optional_sections_may_be_missing():
    (case,) = parse_cases({"cases": [MR_CHENG]})
    assert isinstance(case, Case)
    assert case.expect.refused == {}
    assert case.situation.before.inpatient_subsidy == 0
    assert case.parameters.as_mapping()["rounding"] == "yuan_half_up"
    assert check(case).passed
    without_total = variant("no total", expect={"lines": {**MR_CHENG["expect"]["lines"]}})
    (case,) = parse_cases({"cases": [without_total]})
    assert case.expect.total is None
    assert check(case).passed
    nothing_expected = variant("nothing expected", expect={})
    (case,) = parse_cases({"cases": [nothing_expected]})
    assert not check(case).passed


def test_a_refusal_must_match_exactly():
    late = variant(
        "late",
        filed_on="2022-04-01",
        expect={"refused": {"INPATIENT": "PAST_DEADLINE"}, "total": 0},
    )
    (case,) = parse_cases({"cases": [late]})
    outcome = check(case)
    assert not outcome.passed
    assert outcome.detail[1] == (
        "actual:   lines {} refused {INPATIENT=PAST_DEADLINE, CRITICAL=PAST_DEADLINE} total 0"
    )


def _project_cases():
    for path in PROJECT_CASES:
        yield from yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def test_project_cases_cover_every_reason_code_parameter_and_rounding_mode():
    cases = list(_project_cases())
    codes = {code for case in cases for code in case["expect"].get("refused", {}).values()}
    assert codes == set(REASONS)
    overridden = {name for case in cases for name in case.get("parameters", {})}
    assert overridden == set(PARAMETERS)
    roundings = {case.get("parameters", {}).get("rounding", "yuan_half_up") for case in cases}
    assert roundings == {"yuan_half_up", "fen_half_up"}
