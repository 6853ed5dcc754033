"""What the engine is told: the period, the member, the event, the filing date and what was
already paid this period. Plain frozen values, checked when built so that `compute` never
meets an impossible situation."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from gonghui.core.money import to_decimal

from .vocabulary import (
    BIRTH,
    DIAGNOSIS,
    EVENT_TYPES,
    GENDERS,
    INPATIENT_STAY,
    PLACES,
    PLANS,
    SEVERITIES,
)

ZERO = Decimal(0)


def _amount(value, what: str) -> Decimal:
    """Yuan as Decimal from Decimal, int or text; never from a float."""
    if isinstance(value, bool | float):
        raise ValueError(f"{what}必须是精确的金额（Decimal、整数或文字），不能是 {value!r}")
    amount = to_decimal(value)
    if amount < 0:
        raise ValueError(f"{what}不能为负数：{value}")
    return amount


@dataclass(frozen=True, kw_only=True, slots=True)
class Period:
    start: datetime.date
    end: datetime.date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"保障期结束日 {self.end} 早于开始日 {self.start}")


@dataclass(frozen=True, kw_only=True, slots=True)
class Enrollment:
    plans: frozenset[str]
    date: datetime.date
    renewal: bool

    def __post_init__(self):
        plans = frozenset(self.plans)
        unknown = sorted(plans.difference(PLANS))
        if unknown:
            raise ValueError(f"未知的保障项目：{'、'.join(unknown)}（可用：{'、'.join(PLANS)}）")
        object.__setattr__(self, "plans", plans)


@dataclass(frozen=True, kw_only=True, slots=True)
class MemberFacts:
    gender: str
    basic_medical_insurance: bool
    maternity_insurance: bool
    enrollment: Enrollment

    def __post_init__(self):
        if self.gender not in GENDERS:
            raise ValueError(f"性别应为 male 或 female，不是 {self.gender!r}")


@dataclass(frozen=True, kw_only=True, slots=True)
class Diagnosis:
    icd10: str = ""
    first_diagnosed: datetime.date | None = None
    critical: str = "none"
    female_cancer: bool = False
    in_situ: bool = False

    def __post_init__(self):
        if self.critical not in SEVERITIES:
            raise ValueError(f"重大疾病程度应为 none、mild 或 severe，不是 {self.critical!r}")

    @property
    def calls_critical(self) -> bool:
        return self.critical != "none"


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """`date` is the birth date of a birth; stays have admission and discharge."""

    type: str
    admission: datetime.date | None = None
    discharge: datetime.date | None = None
    place: str = "local"
    accident: bool = False
    self_responsibility: Decimal = ZERO
    diagnosis: Diagnosis | None = None
    date: datetime.date | None = None

    def __post_init__(self):
        if self.type not in EVENT_TYPES:
            raise ValueError(f"事件类型应为 {'、'.join(EVENT_TYPES)} 之一，不是 {self.type!r}")
        if self.place not in PLACES:
            raise ValueError(f"就医地应为 local 或 elsewhere，不是 {self.place!r}")
        object.__setattr__(
            self, "self_responsibility", _amount(self.self_responsibility, "自负费用")
        )
        if self.type == INPATIENT_STAY and (self.admission is None or self.discharge is None):
            raise ValueError("住院须有入院日期和出院日期")
        if self.admission and self.discharge and self.discharge < self.admission:
            raise ValueError(f"出院日期 {self.discharge} 早于入院日期 {self.admission}")
        if self.type == DIAGNOSIS and self.diagnosis is None:
            raise ValueError("确诊事件须有诊断")
        if self.type == BIRTH and self.date is None:
            raise ValueError("分娩事件须有分娩日期")
        diagnosis = self.diagnosis
        if (
            self.type in (INPATIENT_STAY, DIAGNOSIS)
            and diagnosis is not None
            and (diagnosis.calls_critical or diagnosis.female_cancer)
            and diagnosis.first_diagnosed is None
        ):
            raise ValueError("重大疾病或女职工特殊病须有首次确诊日期")


@dataclass(frozen=True, kw_only=True, slots=True)
class Before:
    """What this member was already paid in this period, before this event."""

    inpatient_subsidy: Decimal = ZERO
    inpatient_allowance_days: int = 0
    critical_paid: Decimal = ZERO
    female_paid: Decimal = ZERO

    def __post_init__(self):
        for name, label in (
            ("inpatient_subsidy", "已领住院医疗费补助"),
            ("critical_paid", "已领重大疾病互助保障金"),
            ("female_paid", "已领女职工特殊病互助金"),
        ):
            object.__setattr__(self, name, _amount(getattr(self, name), label))
        days = self.inpatient_allowance_days
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise ValueError(f"已领住院津贴天数应为不小于 0 的整数，不是 {days!r}")


@dataclass(frozen=True, kw_only=True, slots=True)
class Situation:
    period: Period
    member: MemberFacts
    event: Event
    filed_on: datetime.date
    before: Before = field(default_factory=Before)
