"""Writes of the mutual-aid scheme: configuration (periods.py), enrollment with its
contribution payments (enrollment.py) and enrollment files (importing.py)."""

from gonghui.mutual_aid.services.enrollment import (
    RosterOutcome,
    enrollment_create,
    parse_plans,
    payment_record,
)
from gonghui.mutual_aid.services.importing import enrollment_import
from gonghui.mutual_aid.services.periods import (
    disease_delete,
    disease_save,
    parameters_freeze,
    parameters_update,
    period_check_transition,
    period_create,
    period_transition,
    period_update,
    plan_offer_save,
    scheme_create,
    targets_set,
)

__all__ = [
    "RosterOutcome",
    "disease_delete",
    "disease_save",
    "enrollment_create",
    "enrollment_import",
    "parameters_freeze",
    "parameters_update",
    "parse_plans",
    "payment_record",
    "period_check_transition",
    "period_create",
    "period_transition",
    "period_update",
    "plan_offer_save",
    "scheme_create",
    "targets_set",
]
