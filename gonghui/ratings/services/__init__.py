"""Writes of the ratings app, each in a transaction, each checking scope and the switch."""

from .applications import (
    application_apply,
    check_may_apply,
    inspect,
    name_title,
    pre_assess,
    refuse,
    start_notice,
    title_dates,
)
from .appraisals import appraisal_create, appraisal_rank, appraisee_add
from .programmes import clean_rules, programme_create, rules_update
from .standards import standard_set, standard_verify
from .titles import lapse_expired, record_award, revoke

__all__ = [
    "appraisal_create",
    "appraisal_rank",
    "appraisee_add",
    "application_apply",
    "check_may_apply",
    "clean_rules",
    "inspect",
    "lapse_expired",
    "name_title",
    "pre_assess",
    "programme_create",
    "record_award",
    "refuse",
    "revoke",
    "rules_update",
    "standard_set",
    "standard_verify",
    "start_notice",
    "title_dates",
]
