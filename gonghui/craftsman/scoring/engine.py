"""score() and select(): GH-SCORE-1 (../shared/spec/craftsman.md) as pure functions over plain
values, with a Chinese trace line for every point and every refusal. Where the spec is silent
the decision is written beside the code and pinned by a case in ../cases/."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .rules import Item, Rules, RulesError, Section
from .vocabulary import (
    AFTER_DEADLINE,
    BEST,
    DUPLICATE_REF,
    ELIGIBILITY_REASONS,
    LINE_REASONS,
    NOT_MEMBER,
    OUT_OF_WINDOW,
    SERVICE_YEARS,
)

ZERO = Decimal(0)


@dataclass(frozen=True, kw_only=True, slots=True)
class Evidence:
    item: str  # "SECTION.ITEM"
    date: datetime.date
    ref: str = ""
    quantity: int = 1


@dataclass(frozen=True, kw_only=True, slots=True)
class Applicant:
    id: str
    member: bool = True
    service_years: Decimal = ZERO
    applied_at: datetime.datetime | None = None
    adjustment: Decimal = ZERO
    evidence: tuple[Evidence, ...] = ()
    pool: str = ""


class TraceStep(NamedTuple):
    """One sentence of the explanation: the section and 1-based line it is about (or None)."""

    section: str | None
    line: int | None
    rule: str
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class LineResult:
    number: int
    item: str
    section: str
    points: Decimal  # what the line gives before the section's mode and cap; 0 when refused
    reason: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Score:
    applicant_id: str
    eligible: bool
    reason: str | None
    lines: tuple[LineResult, ...]
    sections: dict[str, Decimal]  # in the scheme's section order; empty when ineligible
    adjustment: Decimal
    total: Decimal | None  # None when ineligible
    direct: bool
    level: str | None
    applied_at: datetime.datetime | None
    pool: str
    trace: tuple[TraceStep, ...]

    @property
    def refused_lines(self) -> dict[int, str]:
        return {line.number: line.reason for line in self.lines if line.reason}


def plain(value: Decimal) -> str:
    """25.0 → '25', 1.50 → '1.5', 0 → '0' (no exponent)."""
    text = f"{value.normalize():f}"
    return "0" if text in ("-0", "0") else text


def check_applicant(applicant: Applicant, rules: Rules) -> None:
    """What the spec calls refused input: an unknown item, a quantity other than 1 on an item
    that does not count units, a quantity below 1, an adjustment beyond adjust_cap."""
    for number, line in enumerate(applicant.evidence, start=1):
        found = rules.find(line.item)
        if found is None:
            raise RulesError(f"第 {number} 条材料的评分项“{line.item}”不在本方案的评分规则中")
        _, item = found
        if line.quantity < 1:
            raise RulesError(f"第 {number} 条材料的数量应不少于 1")
        if not item.per_unit and line.quantity != 1:
            raise RulesError(
                f"第 {number} 条材料“{item.name}”不按数量计分，数量只能为 1（填写了 {line.quantity}）"
            )
    if abs(applicant.adjustment) > rules.adjust_cap:
        raise RulesError(
            f"评审调整 {plain(applicant.adjustment)} 分超出允许范围"
            f"（±{plain(rules.adjust_cap)} 分）"
        )
    if applicant.adjustment != applicant.adjustment.quantize(Decimal("0.1")):
        raise RulesError("评审调整最多保留一位小数")


def _label(item: Item, line: Evidence) -> str:
    details = line.date.isoformat() + (f"，证书 {line.ref}" if line.ref else "")
    return f"{item.name}（{details}）"


def _line_points(item: Item, line: Evidence) -> tuple[Decimal, str]:
    if item.per_unit:
        points = item.points * line.quantity
        return points, f"{plain(item.points)} 分 × {line.quantity} = {plain(points)} 分"
    return item.points, f"{plain(item.points)} 分"


def score(applicant: Applicant, rules: Rules) -> Score:
    """The applicant's score under the rules; raises RulesError on refused input."""
    check_applicant(applicant, rules)
    trace: list[TraceStep] = []
    window_start = rules.window_start
    found = [rules.find(line.item) for line in applicant.evidence]

    # Rule 2: the deadline, then the window. Quantity has been checked above.
    reasons: dict[int, str] = {}
    points: dict[int, Decimal] = {}
    for number, (line, (section, item)) in enumerate(
        zip(applicant.evidence, found, strict=True), start=1
    ):
        if line.date > rules.deadline:
            reasons[number] = AFTER_DEADLINE
        elif section.window and line.date < window_start:
            reasons[number] = OUT_OF_WINDOW
        else:
            points[number] = _line_points(item, line)[0]

    # Rule 3: one certificate number counts once, the line giving most (first on a tie).
    best_of_ref: dict[str, int] = {}
    for number, line in enumerate(applicant.evidence, start=1):
        ref = line.ref.strip()
        if number in reasons or not ref:
            continue
        kept = best_of_ref.get(ref)
        if kept is None or points[number] > points[kept]:
            best_of_ref[ref] = number
    for number, line in enumerate(applicant.evidence, start=1):
        ref = line.ref.strip()
        if number not in reasons and ref and best_of_ref[ref] != number:
            reasons[number] = DUPLICATE_REF

    lines = []
    for number, (line, (section, item)) in enumerate(
        zip(applicant.evidence, found, strict=True), start=1
    ):
        reason = reasons.get(number)
        label = _label(item, line)
        if reason is None:
            text = f"{label}：{_line_points(item, line)[1]}"
            rule = "GH-SCORE-1.2"
        else:
            text = f"{label}：不计分，{LINE_REASONS[reason]}{_why(reason, rules, line)}"
            rule = "GH-SCORE-1.3" if reason == DUPLICATE_REF else "GH-SCORE-1.2"
        trace.append(TraceStep(section.code, number, rule, text))
        lines.append(
            LineResult(
                number=number,
                item=f"{section.code}.{item.code}",
                section=section.code,
                points=ZERO if reason else points[number],
                reason=reason,
            )
        )

    reason = _eligibility(applicant, rules)
    if reason is not None:
        trace.append(
            TraceStep(
                None,
                None,
                "GH-SCORE-1.1",
                f"不符合申报条件：{ELIGIBILITY_REASONS[reason]}"
                f"{_eligibility_detail(reason, applicant, rules)}，不计总分、不参加排名",
            )
        )
        return Score(
            applicant_id=applicant.id,
            eligible=False,
            reason=reason,
            lines=tuple(lines),
            sections={},
            adjustment=applicant.adjustment,
            total=None,
            direct=False,
            level=None,
            applied_at=applicant.applied_at,
            pool=applicant.pool,
            trace=tuple(trace),
        )

    sections = {}
    for section in rules.sections:
        sections[section.code] = _section_value(section, lines, trace)
    subtotal = sum(sections.values(), ZERO)
    total = max(ZERO, subtotal + applicant.adjustment)
    if applicant.adjustment:
        trace.append(
            TraceStep(
                None,
                None,
                "GH-SCORE-1.4",
                f"评审委员会调整：{'+' if applicant.adjustment > 0 else ''}"
                f"{plain(applicant.adjustment)} 分",
            )
        )
    floor = "（不低于 0 分）" if subtotal + applicant.adjustment < 0 else ""
    trace.append(TraceStep(None, None, "GH-SCORE-1.4", f"总分：{plain(total)} 分{floor}"))

    counted = {line.item for line in lines if line.reason is None}
    direct_items = [f"{s.code}.{i.code}" for s in rules.sections for i in s.items if i.direct]
    direct = any(key in counted for key in direct_items)
    if direct:
        names = "、".join(rules.find(key)[1].name for key in direct_items if key in counted)
        trace.append(
            TraceStep(None, None, "GH-SCORE-1.5", f"直接认定：{names}，排名在其他申报人之前")
        )

    level = None
    for candidate in rules.levels:
        if candidate.min <= total and all(key in counted for key in candidate.requires):
            level = candidate
    if rules.levels:
        trace.append(
            TraceStep(
                None,
                None,
                "GH-SCORE-1.7",
                f"等级：{level.name}（不低于 {plain(level.min)} 分）"
                if level
                else "等级：未达到任何等级",
            )
        )
    return Score(
        applicant_id=applicant.id,
        eligible=True,
        reason=None,
        lines=tuple(lines),
        sections=sections,
        adjustment=applicant.adjustment,
        total=total,
        direct=direct,
        level=level.code if level else None,
        applied_at=applicant.applied_at,
        pool=applicant.pool,
        trace=tuple(trace),
    )


def _why(reason: str, rules: Rules, line: Evidence) -> str:
    if reason == AFTER_DEADLINE:
        return f"（截止日 {rules.deadline.isoformat()}）"
    if reason == OUT_OF_WINDOW:
        return f"（{rules.window_years} 年期限自 {rules.window_start.isoformat()} 起）"
    return f"（证书 {line.ref.strip()}）"


def _eligibility(applicant: Applicant, rules: Rules) -> str | None:
    if not applicant.member:
        return NOT_MEMBER
    if applicant.service_years < rules.min_service_years:
        return SERVICE_YEARS
    return None


def _eligibility_detail(reason: str, applicant: Applicant, rules: Rules) -> str:
    if reason == SERVICE_YEARS:
        return f"（{plain(applicant.service_years)} 年，须满 {plain(rules.min_service_years)} 年）"
    return ""


def _section_value(section: Section, lines: list[LineResult], trace: list[TraceStep]) -> Decimal:
    counted = [line.points for line in lines if line.section == section.code and not line.reason]
    if section.mode == BEST:
        raw = max(counted, default=ZERO)
        how = "取最高一项"
    else:
        raw = sum(counted, ZERO)
        how = "合计"
    value = min(raw, section.cap)
    capped = f"，封顶 {plain(section.cap)} 分" if raw > section.cap else ""
    trace.append(
        TraceStep(
            section.code,
            None,
            "GH-SCORE-1.4",
            f"{section.name}：{how} {plain(raw)} 分{capped}，计 {plain(value)} 分",
        )
    )
    return value


def rank_key(result: Score):
    """Rule 6: direct first; score descending; each section's value in order, descending;
    earlier applied_at (a missing one last); applicant id ascending as text."""
    applied = result.applied_at
    if applied is not None and applied.tzinfo is not None:
        applied = applied.astimezone(datetime.UTC).replace(tzinfo=None)
    return (
        not result.direct,
        -result.total,
        tuple(-value for value in result.sections.values()),
        applied is None,
        applied or datetime.datetime.min,
        str(result.applicant_id),
    )


def ranking(results) -> list[Score]:
    """The eligible applicants in rank order (a total order: ids are unique)."""
    return sorted((r for r in results if r.eligible), key=rank_key)


class Selected(NamedTuple):
    applicant_id: str
    pool: str  # the pool that selected them; "" for the total quota or the final pool
    rank: int  # 1-based within that pool


def select(
    results, *, quota: int | None = None, pools: dict[str, int] | None = None, extra: int = 0
) -> list[Selected]:
    """Rule 6. With `pools` (pool → quota, in the order given), each pool is ranked on its own
    among the applicants whose `pool` it is; the places pools leave unused go to a final pool
    ("") of every eligible applicant not yet selected, with `extra` places more (a quota's
    places not shared out to pools). Without pools, the first `quota`."""
    ranked = ranking(results)
    if not pools:
        return [Selected(r.applicant_id, "", n) for n, r in enumerate(ranked[: quota or 0], 1)]
    chosen: list[Selected] = []
    unused = 0
    for pool, places in pools.items():
        members = [r for r in ranked if r.pool == pool]
        chosen.extend(Selected(r.applicant_id, pool, n) for n, r in enumerate(members[:places], 1))
        unused += max(0, places - len(members))
    taken = {s.applicant_id for s in chosen}
    rest = [r for r in ranked if r.applicant_id not in taken]
    final = unused + max(0, extra)
    chosen.extend(Selected(r.applicant_id, "", n) for n, r in enumerate(rest[:final], 1))
    return chosen
