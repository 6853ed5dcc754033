"""The craftsman points engine (GH-SCORE-1): pure functions over plain values, no ORM inside.

    result = score(applicant, rules_from_mapping(scheme))

See ../shared/spec/craftsman.md for the rules and `../cases/` for the cases that pin them.
"""

from .engine import (
    Applicant,
    Evidence,
    LineResult,
    Score,
    Selected,
    TraceStep,
    check_applicant,
    plain,
    rank_key,
    ranking,
    score,
    select,
)
from .rules import Item, Level, Rules, RulesError, Section, rules_as_mapping, rules_from_mapping
from .vocabulary import ELIGIBILITY_REASONS, LINE_REASONS, MODES, REASONS

__all__ = [
    "ELIGIBILITY_REASONS",
    "LINE_REASONS",
    "MODES",
    "REASONS",
    "Applicant",
    "Evidence",
    "Item",
    "Level",
    "LineResult",
    "Rules",
    "RulesError",
    "Score",
    "Section",
    "Selected",
    "TraceStep",
    "check_applicant",
    "plain",
    "rank_key",
    "ranking",
    "rules_as_mapping",
    "rules_from_mapping",
    "score",
    "select",
]
