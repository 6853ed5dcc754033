"""A scheme's points rules as plain, frozen data, read from the GH-SCORE-1 mapping (the YAML of
../shared/spec/craftsman.md, a case file's `scheme`, or a stored rules version).

`rules_from_mapping` refuses what the spec calls bad input with a Chinese message naming the
field (`RulesError`); nothing else here raises."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gonghui.core.dates import parse_date

from .vocabulary import BEST, MODES

ONE_PLACE = Decimal("0.1")


class RulesError(ValueError):
    """Input that does not follow GH-SCORE-1; the message is Chinese and names the field."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Item:
    code: str
    name: str
    points: Decimal
    per_unit: bool = False
    direct: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Section:
    code: str
    name: str
    cap: Decimal
    mode: str
    window: bool
    items: tuple[Item, ...]

    def item(self, code: str) -> Item | None:
        return next((item for item in self.items if item.code == code), None)


@dataclass(frozen=True, kw_only=True, slots=True)
class Level:
    code: str
    name: str
    min: Decimal
    requires: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Rules:
    deadline: datetime.date
    window_years: int
    min_service_years: Decimal
    adjust_cap: Decimal
    sections: tuple[Section, ...]
    levels: tuple[Level, ...] = ()

    @property
    def window_start(self) -> datetime.date:
        """The deadline minus window_years, same month and day (29 Feb → 28 Feb)."""
        year = self.deadline.year - self.window_years
        day = self.deadline.day
        if self.deadline.month == 2 and day == 29:
            try:
                return datetime.date(year, 2, 29)
            except ValueError:
                day = 28
        return datetime.date(year, self.deadline.month, day)

    def section(self, code: str) -> Section | None:
        return next((section for section in self.sections if section.code == code), None)

    def find(self, key: str) -> tuple[Section, Item] | None:
        """`SECTION.ITEM` → its section and item; None when either is unknown."""
        section_code, dot, item_code = str(key).strip().partition(".")
        section = self.section(section_code) if dot else None
        item = section.item(item_code) if section else None
        return (section, item) if item else None


def points_value(raw, where: str, *, negative: bool = False) -> Decimal:
    """A decimal with at most one decimal place, from a YAML int, float (its written form),
    Decimal or text."""
    if isinstance(raw, bool) or raw is None or raw == "":
        raise RulesError(f"“{where}”应为数值")
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise RulesError(f"“{where}”应为数值，而不是“{raw}”") from exc
    if not value.is_finite():
        raise RulesError(f"“{where}”应为数值，而不是“{raw}”")
    if abs(value) >= Decimal("1e9") or value != value.quantize(ONE_PLACE):
        raise RulesError(f"“{where}”最多保留一位小数，且不超过九位整数")
    if value < 0 and not negative:
        raise RulesError(f"“{where}”不能为负数")
    return value


def whole_number(raw, where: str, *, minimum: int = 0) -> int:
    if isinstance(raw, bool):
        raise RulesError(f"“{where}”应为整数")
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation as exc:
        raise RulesError(f"“{where}”应为整数，而不是“{raw}”") from exc
    if not value.is_finite() or value != value.to_integral_value():
        raise RulesError(f"“{where}”应为整数，而不是“{raw}”")
    if value < minimum:
        raise RulesError(f"“{where}”不能小于 {minimum}")
    return int(value)


def flag(raw, where: str, default: bool = False) -> bool:
    if raw is None:
        return default
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in {"true", "yes", "1", "是"}:
        return True
    if word in {"false", "no", "0", "否"}:
        return False
    raise RulesError(f"“{where}”应为 true 或 false")


def _text(parent: dict, key: str, where: str) -> str:
    value = parent.get(key)
    if value is None or str(value).strip() == "":
        raise RulesError(f"缺少“{where}”")
    return str(value).strip()


def _name(parent: dict) -> str:
    """The name a trace shows; a case file may leave it out (the code stands in)."""
    name = parent.get("name")
    return str(name).strip() if name not in (None, "") else str(parent.get("code")).strip()


def _code(parent: dict, where: str) -> str:
    code = _text(parent, "code", where)
    if "." in code or " " in code:
        raise RulesError(f"“{where}”不能含有点号或空格：{code}")
    return code


def rules_from_mapping(data) -> Rules:
    if not isinstance(data, dict):
        raise RulesError("评分规则应为映射（scheme: {...}）")
    try:
        deadline = parse_date(data.get("deadline"))
    except (TypeError, ValueError) as exc:
        raise RulesError(f"“deadline”不是有效日期：{data.get('deadline')!r}") from exc
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise RulesError("“sections”应为至少一个分项的列表")
    sections = []
    for number, raw in enumerate(raw_sections, start=1):
        sections.append(_section(raw, f"sections[{number}]"))
    codes = [section.code for section in sections]
    if len(set(codes)) != len(codes):
        raise RulesError(
            "分项代码重复：" + "、".join(sorted({c for c in codes if codes.count(c) > 1}))
        )
    rules = Rules(
        deadline=deadline,
        window_years=whole_number(data.get("window_years", 0), "window_years"),
        min_service_years=points_value(data.get("min_service_years", 0), "min_service_years"),
        adjust_cap=points_value(data.get("adjust_cap", 0), "adjust_cap"),
        sections=tuple(sections),
    )
    levels = _levels(data.get("levels"), rules)
    return Rules(
        deadline=rules.deadline,
        window_years=rules.window_years,
        min_service_years=rules.min_service_years,
        adjust_cap=rules.adjust_cap,
        sections=rules.sections,
        levels=levels,
    )


def _section(raw, where: str) -> Section:
    if not isinstance(raw, dict):
        raise RulesError(f"“{where}”应为映射")
    code = _code(raw, f"{where}.code")
    mode = str(raw.get("mode") or "").strip().lower()
    if mode not in MODES:
        raise RulesError(
            f"分项 {code} 的计分方式（mode）应为 best 或 sum，而不是“{raw.get('mode')}”"
        )
    raw_items = raw.get("items")
    if not isinstance(raw_items, list) or not raw_items:
        raise RulesError(f"分项 {code} 应至少有一个评分项（items）")
    items = []
    for number, item in enumerate(raw_items, start=1):
        at = f"{code}.items[{number}]"
        if not isinstance(item, dict):
            raise RulesError(f"“{at}”应为映射")
        items.append(
            Item(
                code=_code(item, f"{at}.code"),
                name=_name(item),
                points=points_value(item.get("points"), f"{at}.points"),
                per_unit=flag(item.get("per_unit"), f"{at}.per_unit"),
                direct=flag(item.get("direct"), f"{at}.direct"),
            )
        )
    item_codes = [item.code for item in items]
    if len(set(item_codes)) != len(item_codes):
        raise RulesError(f"分项 {code} 中评分项代码重复")
    return Section(
        code=code,
        name=_name(raw),
        cap=points_value(raw.get("cap"), f"{code}.cap"),
        mode=mode or BEST,
        window=flag(raw.get("window"), f"{code}.window"),
        items=tuple(items),
    )


def _levels(raw, rules: Rules) -> tuple[Level, ...]:
    if raw in (None, []):
        return ()
    if not isinstance(raw, list):
        raise RulesError("“levels”应为列表")
    levels = []
    for number, entry in enumerate(raw, start=1):
        where = f"levels[{number}]"
        if not isinstance(entry, dict):
            raise RulesError(f"“{where}”应为映射")
        requires = entry.get("requires") or []
        if isinstance(requires, str):
            requires = [requires]
        if not isinstance(requires, list):
            raise RulesError(f"“{where}.requires”应为列表")
        for key in requires:
            if rules.find(key) is None:
                raise RulesError(f"等级 {entry.get('code')} 要求的评分项“{key}”不存在")
        levels.append(
            Level(
                code=_code(entry, f"{where}.code"),
                name=_name(entry),
                min=points_value(entry.get("min"), f"{where}.min"),
                requires=tuple(str(key).strip() for key in requires),
            )
        )
    for lower, higher in zip(levels, levels[1:], strict=False):
        # "ordered from lowest to highest": each min strictly above the one before.
        if higher.min <= lower.min:
            raise RulesError(
                f"等级应按最低分由低到高排列：{higher.code}（{higher.min}）"
                f"不高于 {lower.code}（{lower.min}）"
            )
    if len({level.code for level in levels}) != len(levels):
        raise RulesError("等级代码重复")
    return tuple(levels)


def rules_as_mapping(rules: Rules) -> dict:
    """The inverse of rules_from_mapping, with text values (JSON-safe)."""
    return {
        "deadline": rules.deadline.isoformat(),
        "window_years": rules.window_years,
        "min_service_years": str(rules.min_service_years),
        "adjust_cap": str(rules.adjust_cap),
        "sections": [
            {
                "code": s.code,
                "name": s.name,
                "cap": str(s.cap),
                "mode": s.mode,
                "window": s.window,
                "items": [
                    {
                        "code": i.code,
                        "name": i.name,
                        "points": str(i.points),
                        "per_unit": i.per_unit,
                        "direct": i.direct,
                    }
                    for i in s.items
                ],
            }
            for s in rules.sections
        ],
        "levels": [
            {"code": lv.code, "name": lv.name, "min": str(lv.min), "requires": list(lv.requires)}
            for lv in rules.levels
        ],
    }
