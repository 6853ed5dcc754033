"""The 13 parameters of rule-cases.md: their Chinese labels, kinds, bounds and Luqiao defaults,
and an immutable, validated set of values that the engine reads."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from gonghui.core.money import FEN, YUAN

DECIMAL = "decimal"
INT = "int"
CHOICE = "choice"

YUAN_HALF_UP = "yuan_half_up"
FEN_HALF_UP = "fen_half_up"
ROUNDING_UNITS = {YUAN_HALF_UP: (YUAN, "元"), FEN_HALF_UP: (FEN, "分")}
# What staff read for each choice (the codes are rule-cases.md's).
CHOICE_LABELS = {YUAN_HALF_UP: "四舍五入到元", FEN_HALF_UP: "四舍五入到分"}

DEFAULT_VERSION = "路桥默认参数"


@dataclass(frozen=True, slots=True)
class ParameterSpec:
    """One parameter. `default` is written as `Parameters.as_mapping()` writes values.
    `places` limits the decimals of a decimal parameter (2 for money: whole fen)."""

    name: str
    label_zh: str
    kind: str
    default: str
    choices: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int | None = None
    places: int = 0


# Money: whole fen, up to ten million yuan (far above any benefit; keeps arithmetic exact).
MONEY = {"places": 2, "maximum": 10_000_000}


def _spec(name, label_zh, kind, default, **bounds) -> tuple[str, ParameterSpec]:
    return name, ParameterSpec(name=name, label_zh=label_zh, kind=kind, default=default, **bounds)


PARAMETERS: Mapping[str, ParameterSpec] = MappingProxyType(
    dict(
        [
            _spec("rounding", "金额取整方式", CHOICE, YUAN_HALF_UP, choices=tuple(ROUNDING_UNITS)),
            _spec("waiting_days", "首次参保观察期（天）", INT, "90", maximum=3660),
            _spec("claim_deadline_months", "申请期限（保障期结束后的月数）", INT, "3", maximum=120),
            _spec(
                "INPATIENT.local_rate", "住院本地就医补助比例", DECIMAL, "0.60", maximum=1, places=4
            ),
            _spec(
                "INPATIENT.elsewhere_rate",
                "住院异地就医补助比例",
                DECIMAL,
                "0.50",
                maximum=1,
                places=4,
            ),
            _spec(
                "INPATIENT.subsidy_cap", "住院医疗费补助每期上限（元）", DECIMAL, "35000", **MONEY
            ),
            _spec("INPATIENT.allowance_per_day", "住院津贴每天金额（元）", DECIMAL, "30", **MONEY),
            _spec("INPATIENT.allowance_max_days", "住院津贴每期最多天数", INT, "90", maximum=3660),
            _spec("CRITICAL.severe", "重大疾病（重度）互助保障金（元）", DECIMAL, "5000", **MONEY),
            _spec("CRITICAL.mild", "重大疾病（轻度）互助保障金（元）", DECIMAL, "2000", **MONEY),
            _spec("CRITICAL.cap", "重大疾病互助保障金每期上限（元）", DECIMAL, "5000", **MONEY),
            _spec("FEMALE.amount", "女职工特殊病互助金（元）", DECIMAL, "5000", **MONEY),
            _spec("MATERNITY.amount", "生育特定互助金（元）", DECIMAL, "600", **MONEY),
        ]
    )
)


def _to_decimal(value) -> Decimal:
    """A number as a person wrote it: '0.55', 55, Decimal('0.55'), or a YAML/JSON number
    literal 0.55 (whose shortest repr is what was written; never used in arithmetic as float)."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError from exc
    if not number.is_finite():
        raise ValueError
    return number


class _Invalid(ValueError):
    """What is wrong with a value, in Chinese, without naming the parameter."""


def _typed(spec: ParameterSpec, raw, *, labels: bool = False):
    """`labels`: name the choices as staff read them, not by their codes."""
    if spec.kind == CHOICE:
        value = str(raw).strip()
        if value in spec.choices:
            return value
        names = [CHOICE_LABELS.get(c, c) if labels else c for c in spec.choices]
        raise _Invalid("应为以下之一：" + "、".join(names))
    try:
        number = _to_decimal(raw)
    except ValueError:
        number = None
    within = (
        number is not None
        and number >= spec.minimum
        and (spec.maximum is None or number <= spec.maximum)
    )
    if spec.kind == INT:
        if within and number == number.to_integral_value():
            return int(number)
        raise _Invalid(_range_text(spec, "整数"))
    if within and number == number.quantize(Decimal(10) ** -spec.places):
        return number if number.as_tuple().exponent <= 0 else number.quantize(YUAN)
    kind = "金额，最多两位小数" if spec.places == 2 else f"小数，最多 {spec.places} 位小数"
    raise _Invalid(_range_text(spec, kind))


def _validated(spec: ParameterSpec, raw):
    """The typed value of `raw` for `spec`, or ValueError with a Chinese message naming the
    parameter (for case files and the API)."""
    try:
        return _typed(spec, raw)
    except _Invalid as exc:
        raise ValueError(f"参数“{spec.name}”（{spec.label_zh}）的值 {raw!r} 无效：{exc}") from None


def check_value(name: str, raw):
    """The typed value, or ValueError saying only what is wrong: for a form field, whose
    label stands beside the message."""
    try:
        return _typed(PARAMETERS[name], raw, labels=True)
    except _Invalid as exc:
        raise ValueError(str(exc)) from None


def _range_text(spec: ParameterSpec, what: str) -> str:
    if spec.maximum is None:
        return f"应为不小于 {spec.minimum} 的{what}"
    return f"应为 {spec.minimum} 到 {spec.maximum} 之间的{what}"


def _plain(number: Decimal) -> str:
    """60.00 -> '60', 55.5 -> '55.5': for percentages and amounts in sentences."""
    if number == number.to_integral_value():
        return f"{number.quantize(YUAN):,}"
    return f"{number.normalize():,}"


class Parameters:
    """A validated, immutable parameter set with its version. Build it with `defaults()` or
    `from_mapping()`; names not given keep their Luqiao default. The engine reads the typed
    attributes below, computed once here so that a quote does no parsing."""

    __slots__ = (
        "_values",
        "version",
        "rounding_unit",
        "rounding_unit_name",
        "waiting_period",
        "claim_deadline_months",
        "local_rate",
        "local_rate_text",
        "elsewhere_rate",
        "elsewhere_rate_text",
        "subsidy_cap",
        "allowance_per_day",
        "allowance_per_day_text",
        "allowance_max_days",
        "critical_severe",
        "critical_mild",
        "critical_cap",
        "female_amount",
        "maternity_amount",
    )

    def __init__(self, overrides: Mapping[str, object] | None = None, *, version: str = ""):
        values = {name: _validated(spec, spec.default) for name, spec in PARAMETERS.items()}
        for name, raw in (overrides or {}).items():
            spec = PARAMETERS.get(name)
            if spec is None:
                raise ValueError(f"未知参数“{name}”；可用的参数：" + "、".join(PARAMETERS))
            values[name] = _validated(spec, raw)
        assign = object.__setattr__
        assign(self, "_values", MappingProxyType(values))
        assign(self, "version", str(version))
        unit, unit_name = ROUNDING_UNITS[values["rounding"]]
        assign(self, "rounding_unit", unit)
        assign(self, "rounding_unit_name", unit_name)
        assign(self, "waiting_period", datetime.timedelta(days=values["waiting_days"]))
        assign(self, "claim_deadline_months", values["claim_deadline_months"])
        assign(self, "local_rate", values["INPATIENT.local_rate"])
        assign(self, "local_rate_text", _plain(values["INPATIENT.local_rate"] * 100) + "%")
        assign(self, "elsewhere_rate", values["INPATIENT.elsewhere_rate"])
        assign(self, "elsewhere_rate_text", _plain(values["INPATIENT.elsewhere_rate"] * 100) + "%")
        assign(self, "subsidy_cap", values["INPATIENT.subsidy_cap"])
        assign(self, "allowance_per_day", values["INPATIENT.allowance_per_day"])
        assign(self, "allowance_per_day_text", _plain(values["INPATIENT.allowance_per_day"]))
        assign(self, "allowance_max_days", values["INPATIENT.allowance_max_days"])
        assign(self, "critical_severe", values["CRITICAL.severe"])
        assign(self, "critical_mild", values["CRITICAL.mild"])
        assign(self, "critical_cap", values["CRITICAL.cap"])
        assign(self, "female_amount", values["FEMALE.amount"])
        assign(self, "maternity_amount", values["MATERNITY.amount"])

    @classmethod
    def defaults(cls) -> "Parameters":
        return _DEFAULTS

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, object], version: str = "") -> "Parameters":
        """Validate `mapping` (name -> value); ValueError in Chinese naming the parameter."""
        return cls(mapping, version=version)

    def get(self, name: str):
        """The typed value: Decimal, int or str."""
        try:
            return self._values[name]
        except KeyError:
            raise KeyError(f"未知参数“{name}”") from None

    def as_mapping(self) -> dict[str, str]:
        return {name: str(value) for name, value in self._values.items()}

    def __setattr__(self, name, value):
        raise AttributeError("Parameters are immutable")

    def __delattr__(self, name):
        raise AttributeError("Parameters are immutable")

    def __eq__(self, other):
        if not isinstance(other, Parameters):
            return NotImplemented
        return self.version == other.version and self._values == other._values

    def __hash__(self):
        return hash((self.version, tuple(self._values.items())))

    def __repr__(self):
        return f"Parameters(version={self.version!r}, {self.as_mapping()!r})"


_DEFAULTS = Parameters(version=DEFAULT_VERSION)
