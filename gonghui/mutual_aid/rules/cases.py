"""Rule-case files (../shared/spec/rule-cases.md): read them, run them through `compute`, and
say what differs. Shared by `manage.py rules_check` and the test suite.

Liberal in what it reads (files written by other people are run too): `before`,
`parameters`, `diagnosis`, `expect.lines` and `expect.refused` may be missing; dates may be
YAML dates or text; amounts may be numbers or text. A case that cannot be read becomes a
`BrokenCase` naming what is wrong; nothing here raises on bad input.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from gonghui.core import casefiles
from gonghui.core.casefiles import BrokenCase, CaseFormatError, Outcome
from gonghui.core.dates import parse_date
from gonghui.core.money import to_decimal

from .engine import Result, compute
from .facts import Before, Diagnosis, Enrollment, Event, MemberFacts, Period, Situation
from .parameters import Parameters
from .vocabulary import BIRTH, LINE_LABELS, PLANS, REASONS

BEFORE_KEYS = {
    "INPATIENT.subsidy": "inpatient_subsidy",
    "INPATIENT.allowance_days": "inpatient_allowance_days",
    "CRITICAL.paid": "critical_paid",
    "FEMALE.paid": "female_paid",
}
TRUE_WORDS = {"true", "yes", "y", "1", "是"}
FALSE_WORDS = {"false", "no", "n", "0", "否"}


@dataclass(frozen=True, kw_only=True)
class Expectation:
    lines: dict[str, Decimal]
    refused: dict[str, str]
    total: Decimal | None


@dataclass(frozen=True, kw_only=True)
class Case:
    name: str
    situation: Situation
    parameters: Parameters
    expect: Expectation


def read_cases(path: Path) -> list[Case | BrokenCase]:
    """Every case of a file; an unreadable file is one broken case named after the file."""
    return casefiles.read_cases(path, _parse_case)


def parse_cases(data, *, source: str = "cases") -> list[Case | BrokenCase]:
    return casefiles.parse_cases(data, _parse_case, source=source)


def check(case: Case | BrokenCase) -> Outcome:
    return casefiles.check(case, _check_case)


def check_file(path: Path) -> Iterator[Outcome]:
    return casefiles.check_file(path, parse_case=_parse_case, check_case=_check_case)


def _check_case(case: Case) -> Outcome:
    try:
        result = compute(case.situation, case.parameters)
    except Exception as exc:
        return casefiles.cannot_compute(case, exc)
    if matches(case.expect, result):
        return Outcome(name=case.name, passed=True)
    return Outcome(
        name=case.name,
        passed=False,
        detail=(
            "expected: " + describe(case.expect.lines, case.expect.refused, case.expect.total),
            "actual:   " + describe(result.lines, result.refused, result.total),
        ),
    )


def matches(expect: Expectation, result: Result) -> bool:
    """Lines compare as decimals, a line not expected must be 0 or absent; refusals compare
    exactly; the total only when the case gives one."""
    for line in expect.lines.keys() | result.lines.keys():
        if expect.lines.get(line, 0) != result.lines.get(line, 0):
            return False
    if expect.refused != result.refused:
        return False
    return expect.total is None or expect.total == result.total


def describe(lines: dict[str, Decimal], refused: dict[str, str], total: Decimal | None) -> str:
    shown_lines = ", ".join(
        f"{line}={_plain(lines[line])}" for line in LINE_LABELS if line in lines
    )
    shown_refused = ", ".join(f"{plan}={refused[plan]}" for plan in PLANS if plan in refused)
    text = f"lines {{{shown_lines}}} refused {{{shown_refused}}}"
    return text if total is None else f"{text} total {_plain(total)}"


def _plain(amount: Decimal) -> str:
    return f"{amount.normalize():f}"


def _parse_case(name: str, entry: dict) -> Case:
    period = _mapping(entry, "period")
    parameters = entry.get("parameters") or {}
    if not isinstance(parameters, dict):
        raise CaseFormatError("`parameters` must be a mapping of name: value")
    event = _event(_mapping(entry, "event"))
    return Case(
        name=name,
        situation=Situation(
            period=Period(
                start=_date(period, "start", "period.start"),
                end=_date(period, "end", "period.end"),
            ),
            member=_member(_mapping(entry, "member"), event),
            event=event,
            filed_on=_date(entry, "filed_on", "filed_on"),
            before=_before(entry.get("before")),
        ),
        parameters=Parameters.from_mapping(parameters, version=f"rule case: {name}"),
        expect=_expectation(_mapping(entry, "expect")),
    )


def _mapping(parent: dict, key: str, where: str = "") -> dict:
    value = parent.get(key)
    if not isinstance(value, dict):
        problem = "missing" if value is None else "not a mapping"
        raise CaseFormatError(f"`{where or key}` is {problem}")
    return value


def _required(parent: dict, key: str, where: str):
    value = parent.get(key)
    if value is None or value == "":
        raise CaseFormatError(f"missing `{where}`")
    return value


def _date(parent: dict, key: str, where: str):
    raw = _required(parent, key, where)
    try:
        return parse_date(raw)
    except (ValueError, TypeError) as exc:
        raise CaseFormatError(f"`{where}` is not a date: {raw!r}") from exc


def _optional_date(parent: dict, key: str, where: str):
    return None if parent.get(key) in (None, "") else _date(parent, key, where)


def _flag(parent: dict, key: str, where: str, default: bool | None = None) -> bool:
    raw = parent.get(key)
    if raw is None and default is not None:
        return default
    if isinstance(raw, bool):
        return raw
    word = str(_required(parent, key, where)).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CaseFormatError(f"`{where}` must be true or false, not {raw!r}")


def _amount(raw, where: str) -> Decimal:
    """Yuan from a YAML int, float (its written form, via str) or text."""
    if isinstance(raw, bool):
        raise CaseFormatError(f"`{where}` is not an amount: {raw!r}")
    try:
        return to_decimal(str(raw) if isinstance(raw, float) else raw)
    except ValueError as exc:
        raise CaseFormatError(f"`{where}` is not an amount: {raw!r}") from exc


def _member(member: dict, event: Event) -> MemberFacts:
    enrollment = _mapping(member, "enrollment", "member.enrollment")
    plans = _required(enrollment, "plans", "member.enrollment.plans")
    if isinstance(plans, str):
        plans = plans.replace("，", ",").split(",")
    if not isinstance(plans, list):
        raise CaseFormatError("`member.enrollment.plans` must be a list of plans")
    unknown = [str(plan) for plan in plans if str(plan).strip() not in PLANS]
    if unknown:
        raise CaseFormatError(
            f"unknown plan {', '.join(unknown)} in `member.enrollment.plans`"
            f" (plans: {', '.join(PLANS)})"
        )
    # Maternity insurance decides only a birth; elsewhere a missing flag means "no".
    maternity_default = None if event.type == BIRTH else False
    return MemberFacts(
        gender=str(_required(member, "gender", "member.gender")).strip().lower(),
        basic_medical_insurance=_flag(
            member, "basic_medical_insurance", "member.basic_medical_insurance"
        ),
        maternity_insurance=_flag(
            member, "maternity_insurance", "member.maternity_insurance", maternity_default
        ),
        enrollment=Enrollment(
            plans=frozenset(str(plan).strip() for plan in plans),
            date=_date(enrollment, "date", "member.enrollment.date"),
            renewal=_flag(enrollment, "renewal", "member.enrollment.renewal"),
        ),
    )


def _before(before) -> Before:
    if before is None:
        return Before()
    if not isinstance(before, dict):
        raise CaseFormatError("`before` must be a mapping")
    unknown = sorted(str(key) for key in before if key not in BEFORE_KEYS)
    if unknown:
        raise CaseFormatError(
            f"unknown key {', '.join(unknown)} in `before` (keys: {', '.join(BEFORE_KEYS)})"
        )
    values = {}
    for key, field_name in BEFORE_KEYS.items():
        raw = before.get(key)
        if raw is None:
            continue
        amount = _amount(raw, f"before.{key}")
        if field_name == "inpatient_allowance_days":
            if amount != amount.to_integral_value():
                raise CaseFormatError(f"`before.{key}` must be a whole number of days")
            values[field_name] = int(amount)
        else:
            values[field_name] = amount
    return Before(**values)


def _event(event: dict) -> Event:
    kind = str(_required(event, "type", "event.type")).strip()
    diagnosis = event.get("diagnosis")
    if diagnosis is not None and not isinstance(diagnosis, dict):
        raise CaseFormatError("`event.diagnosis` must be a mapping")
    raw_amount = event.get("self_responsibility")
    return Event(
        type=kind,
        admission=_optional_date(event, "admission", "event.admission"),
        discharge=_optional_date(event, "discharge", "event.discharge"),
        place=str(event.get("place") or "local").strip(),
        accident=_flag(event, "accident", "event.accident", default=False),
        self_responsibility=(
            Decimal(0)
            if raw_amount in (None, "")
            else _amount(raw_amount, "event.self_responsibility")
        ),
        diagnosis=None if diagnosis is None else _diagnosis(diagnosis),
        date=_optional_date(event, "date", "event.date"),
    )


def _diagnosis(diagnosis: dict) -> Diagnosis:
    return Diagnosis(
        icd10=str(diagnosis.get("icd10") or "").strip(),
        first_diagnosed=_optional_date(
            diagnosis, "first_diagnosed", "event.diagnosis.first_diagnosed"
        ),
        critical=str(diagnosis.get("critical") or "none").strip().lower(),
        female_cancer=_flag(
            diagnosis, "female_cancer", "event.diagnosis.female_cancer", default=False
        ),
        in_situ=_flag(diagnosis, "in_situ", "event.diagnosis.in_situ", default=False),
    )


def _expectation(expect: dict) -> Expectation:
    lines = expect.get("lines") or {}
    refused = expect.get("refused") or {}
    if not isinstance(lines, dict) or not isinstance(refused, dict):
        raise CaseFormatError("`expect.lines` and `expect.refused` must be mappings")
    unknown_lines = [str(line) for line in lines if line not in LINE_LABELS]
    if unknown_lines:
        raise CaseFormatError(
            f"unknown line {', '.join(unknown_lines)} in `expect.lines`"
            f" (lines: {', '.join(LINE_LABELS)})"
        )
    unknown_plans = [str(plan) for plan in refused if plan not in PLANS]
    if unknown_plans:
        raise CaseFormatError(f"unknown plan {', '.join(unknown_plans)} in `expect.refused`")
    unknown_codes = [str(code) for code in refused.values() if code not in REASONS]
    if unknown_codes:
        raise CaseFormatError(f"unknown reason code {', '.join(unknown_codes)} in `expect.refused`")
    total = expect.get("total")
    return Expectation(
        lines={line: _amount(amount, f"expect.lines.{line}") for line, amount in lines.items()},
        refused=dict(refused),
        total=None if total is None else _amount(total, "expect.total"),
    )
