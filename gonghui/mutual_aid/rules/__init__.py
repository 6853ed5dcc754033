"""The mutual-aid rules engine: pure functions over plain values, no ORM inside.

    result = compute(situation, Parameters.defaults())

See ../shared/spec/rule-cases.md for the rules and `rule_cases/` for the cases that pin them.
"""

from .engine import Result, TraceStep, claim_deadline, compute, plans_called
from .facts import Before, Diagnosis, Enrollment, Event, MemberFacts, Period, Situation
from .parameters import CHOICE_LABELS, PARAMETERS, Parameters, ParameterSpec, check_value
from .vocabulary import LINE_LABELS, PLAN_LABELS, PLANS, REASONS

__all__ = [
    "CHOICE_LABELS",
    "LINE_LABELS",
    "PARAMETERS",
    "PLANS",
    "PLAN_LABELS",
    "REASONS",
    "Before",
    "Diagnosis",
    "Enrollment",
    "Event",
    "MemberFacts",
    "ParameterSpec",
    "Parameters",
    "Period",
    "Result",
    "Situation",
    "TraceStep",
    "check_value",
    "claim_deadline",
    "compute",
    "plans_called",
]
