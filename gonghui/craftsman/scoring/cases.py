"""Scoring-case files (GH-SCORE-1 cases, ../shared/spec/craftsman.md): read them, run them through
`score` and `select`, and say what differs. Shared by `manage.py scoring_check` and the tests.

Liberal in what it reads: `member`, `adjustment`, `quota` and every `expect` key but `scores` may
be missing (a missing key is not checked); dates may be YAML dates or text; points may be numbers
or text and compare as decimals. A case that cannot be read becomes a `BrokenCase` naming what is
wrong; nothing here raises on bad input.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from gonghui.core import casefiles
from gonghui.core.casefiles import BrokenCase, CaseFormatError, Outcome
from gonghui.core.dates import parse_date

from .engine import Applicant, Evidence, Score, plain, score, select
from .rules import Rules, RulesError, flag, points_value, rules_from_mapping, whole_number
from .vocabulary import ELIGIBILITY_REASONS, LINE_REASONS


@dataclass(frozen=True, kw_only=True)
class Case:
    name: str
    rules: Rules
    applicants: tuple[Applicant, ...]
    quota: int | None
    expect: dict


def read_cases(path: Path) -> list[Case | BrokenCase]:
    return casefiles.read_cases(path, _parse_case)


def parse_cases(data, *, source: str = "cases") -> list[Case | BrokenCase]:
    return casefiles.parse_cases(data, _parse_case, source=source)


def run(case: Case) -> tuple[list[Score], list[str] | None]:
    results = [score(applicant, case.rules) for applicant in case.applicants]
    chosen = None
    if case.quota is not None:
        chosen = [s.applicant_id for s in select(results, quota=case.quota)]
    return results, chosen


def check(case: Case | BrokenCase) -> Outcome:
    return casefiles.check(case, _check_case)


def check_file(path: Path) -> Iterator[Outcome]:
    return casefiles.check_file(path, parse_case=_parse_case, check_case=_check_case)


def _check_case(case: Case) -> Outcome:
    try:
        results, chosen = run(case)
    except RulesError as exc:
        return Outcome(name=case.name, passed=False, detail=(f"malformed: {exc}",))
    except Exception as exc:
        return casefiles.cannot_compute(case, exc)
    differences = list(_differences(case, results, chosen))
    return Outcome(name=case.name, passed=not differences, detail=tuple(differences))


def _show(mapping: dict) -> str:
    return "{" + ", ".join(f"{key}={value}" for key, value in mapping.items()) + "}"


def _differences(case: Case, results: list[Score], chosen) -> Iterator[str]:
    expect = case.expect
    by_id = {r.applicant_id: r for r in results}
    actual_scores = {r.applicant_id: r.total for r in results if r.eligible}
    if expect["scores"] != actual_scores:
        yield (
            f"scores: expected {_show({k: plain(v) for k, v in expect['scores'].items()})}"
            f" actual {_show({k: plain(v) for k, v in actual_scores.items()})}"
        )
    if "sections" in expect:
        for applicant_id, wanted in expect["sections"].items():
            got = by_id[applicant_id].sections
            for code in wanted.keys() | got.keys():
                if wanted.get(code, 0) != got.get(code, 0):
                    yield (
                        f"sections of {applicant_id}: expected {_show({k: plain(v) for k, v in wanted.items()})}"
                        f" actual {_show({k: plain(v) for k, v in got.items()})}"
                    )
                    break
    if "refused" in expect:
        actual = {r.applicant_id: r.reason for r in results if not r.eligible}
        if expect["refused"] != actual:
            yield f"refused: expected {_show(expect['refused'])} actual {_show(actual)}"
    if "refused_lines" in expect:
        wanted = expect["refused_lines"]
        named = {key.partition("#")[0] for key in wanted}
        actual = {
            f"{r.applicant_id}#{number}": reason
            for r in results
            # Rules 2-3 do not depend on eligibility, but a case may leave out the lines of an
            # ineligible applicant: theirs are checked when the case names one of them.
            if r.eligible or r.applicant_id in named
            for number, reason in r.refused_lines.items()
        }
        if wanted != actual:
            yield f"refused_lines: expected {_show(wanted)} actual {_show(actual)}"
    if "direct" in expect:
        actual = sorted(r.applicant_id for r in results if r.direct)
        if sorted(expect["direct"]) != actual:
            yield f"direct: expected {sorted(expect['direct'])} actual {actual}"
    if chosen is not None and "selected" in expect and expect["selected"] != chosen:
        yield f"selected: expected {expect['selected']} actual {chosen}"
    if "levels" in expect:
        actual = {k: by_id[k].level for k in expect["levels"]}
        if expect["levels"] != actual:
            yield f"levels: expected {_show(expect['levels'])} actual {_show(actual)}"


def _parse_case(name: str, entry: dict) -> Case:
    if not isinstance(entry.get("scheme"), dict):
        raise CaseFormatError(
            "`scheme` is missing" if entry.get("scheme") is None else "`scheme` is not a mapping"
        )
    rules = rules_from_mapping(entry["scheme"])
    raw_applicants = entry.get("applicants")
    if not isinstance(raw_applicants, list):
        raise CaseFormatError("`applicants` must be a list")
    applicants = tuple(_applicant(raw, n) for n, raw in enumerate(raw_applicants, start=1))
    ids = [a.id for a in applicants]
    if len(set(ids)) != len(ids):
        raise CaseFormatError("two applicants share an id")
    quota = entry.get("quota")
    quota = None if quota in (None, "") else whole_number(quota, "quota")
    return Case(
        name=name,
        rules=rules,
        applicants=applicants,
        quota=quota,
        expect=_expectation(entry.get("expect"), set(ids), rules),
    )


def _date(raw, where: str) -> datetime.date:
    if raw in (None, ""):
        raise CaseFormatError(f"missing `{where}`")
    if isinstance(raw, datetime.datetime):
        return raw.date()
    try:
        return parse_date(raw)
    except (TypeError, ValueError) as exc:
        raise CaseFormatError(f"`{where}` is not a date: {raw!r}") from exc


def _moment(raw, where: str) -> datetime.datetime | None:
    if raw in (None, ""):
        return None
    if isinstance(raw, datetime.datetime):
        return raw
    if isinstance(raw, datetime.date):
        return datetime.datetime.combine(raw, datetime.time())
    try:
        return datetime.datetime.fromisoformat(str(raw).strip())
    except ValueError as exc:
        raise CaseFormatError(f"`{where}` is not a date and time: {raw!r}") from exc


def _applicant(raw, number: int) -> Applicant:
    if not isinstance(raw, dict) or raw.get("id") in (None, ""):
        raise CaseFormatError(f"applicant #{number} needs an `id`")
    applicant_id = str(raw["id"]).strip()
    evidence = raw.get("evidence") or []
    if not isinstance(evidence, list):
        raise CaseFormatError(f"`{applicant_id}.evidence` must be a list")
    lines = []
    for line_number, line in enumerate(evidence, start=1):
        where = f"{applicant_id}#{line_number}"
        if not isinstance(line, dict) or line.get("item") in (None, ""):
            raise CaseFormatError(f"evidence {where} needs an `item`")
        ref = line.get("ref")
        lines.append(
            Evidence(
                item=str(line["item"]).strip(),
                date=_date(line.get("date"), f"{where}.date"),
                ref="" if ref is None else str(ref).strip(),
                quantity=whole_number(line.get("quantity", 1), f"{where}.quantity"),
            )
        )
    adjustment = raw.get("adjustment")
    return Applicant(
        id=applicant_id,
        member=flag(raw.get("member"), f"{applicant_id}.member", default=True),
        service_years=points_value(raw.get("service_years", 0), f"{applicant_id}.service_years"),
        applied_at=_moment(raw.get("applied_at"), f"{applicant_id}.applied_at"),
        adjustment=(
            Decimal(0)
            if adjustment in (None, "")
            else points_value(adjustment, f"{applicant_id}.adjustment", negative=True)
        ),
        evidence=tuple(lines),
        pool=str(raw.get("pool") or ""),
    )


def _points_map(raw, where: str) -> dict[str, Decimal]:
    if not isinstance(raw, dict):
        raise CaseFormatError(f"`{where}` must be a mapping")
    return {str(k): points_value(v, f"{where}.{k}", negative=True) for k, v in raw.items()}


def _expectation(raw, ids: set[str], rules: Rules) -> dict:
    if not isinstance(raw, dict):
        raise CaseFormatError("`expect` is missing" if raw is None else "`expect` is not a mapping")
    if "scores" not in raw:
        raise CaseFormatError("missing `expect.scores`")
    expect: dict = {"scores": _points_map(raw.get("scores") or {}, "expect.scores")}
    named = set(expect["scores"])
    if "sections" in raw:
        sections = raw.get("sections") or {}
        if not isinstance(sections, dict):
            raise CaseFormatError("`expect.sections` must be a mapping")
        expect["sections"] = {
            str(k): _points_map(v, f"expect.sections.{k}") for k, v in sections.items()
        }
        codes = {s.code for s in rules.sections}
        for applicant_id, values in expect["sections"].items():
            if applicant_id not in expect["scores"]:
                raise CaseFormatError(
                    f"`expect.sections.{applicant_id}` names an applicant without a score"
                )
            unknown = sorted(set(values) - codes)
            if unknown:
                raise CaseFormatError(f"unknown section {', '.join(unknown)} in `expect.sections`")
    for key, reasons in (("refused", ELIGIBILITY_REASONS), ("refused_lines", LINE_REASONS)):
        if key in raw:
            value = raw.get(key) or {}
            if not isinstance(value, dict):
                raise CaseFormatError(f"`expect.{key}` must be a mapping")
            unknown = sorted(str(code) for code in value.values() if code not in reasons)
            if unknown:
                raise CaseFormatError(f"unknown reason code {', '.join(unknown)} in `expect.{key}`")
            expect[key] = {str(k).strip(): str(v) for k, v in value.items()}
            named |= {k.partition("#")[0] for k in expect[key]}
    for key in ("direct", "selected"):
        if key in raw:
            value = raw.get(key) or []
            if not isinstance(value, list):
                raise CaseFormatError(f"`expect.{key}` must be a list")
            expect[key] = [str(v).strip() for v in value]
            named |= set(expect[key])
    if "levels" in raw:
        value = raw.get("levels") or {}
        if not isinstance(value, dict):
            raise CaseFormatError("`expect.levels` must be a mapping")
        codes = {level.code for level in rules.levels}
        expect["levels"] = {str(k): None if v in (None, "") else str(v) for k, v in value.items()}
        unknown = sorted(v for v in expect["levels"].values() if v is not None and v not in codes)
        if unknown:
            raise CaseFormatError(f"unknown level {', '.join(unknown)} in `expect.levels`")
        named |= set(expect["levels"])
    strangers = sorted(named - ids)
    if strangers:
        raise CaseFormatError(f"`expect` names unknown applicants: {', '.join(strangers)}")
    return expect
