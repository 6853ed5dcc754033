"""Writes of the craftsman evaluation: keyword-only `<entity>_<action>(*, actor, ...)`,
transactional. See schemes.py, applications.py and committee.py."""

from .applications import (
    appeal_decide,
    appeal_file,
    application_apply,
    application_check,
    application_refuse,
    line_refuse,
)
from .certificates import honour_certificate_issue
from .committee import (
    application_adjust,
    expert_add,
    expert_score,
    honour_revoke,
    notice_start,
    objection_answer,
    objection_record,
    ranking_freeze,
    reviews_visible,
    scheme_name,
)
from .contests import contest_create, result_as_line, result_record
from .schemes import rules_update, scheme_create

__all__ = [
    "appeal_decide",
    "contest_create",
    "result_as_line",
    "result_record",
    "appeal_file",
    "application_adjust",
    "application_apply",
    "application_check",
    "application_refuse",
    "expert_add",
    "expert_score",
    "honour_certificate_issue",
    "honour_revoke",
    "line_refuse",
    "notice_start",
    "objection_answer",
    "objection_record",
    "ranking_freeze",
    "reviews_visible",
    "rules_update",
    "scheme_create",
    "scheme_name",
]
