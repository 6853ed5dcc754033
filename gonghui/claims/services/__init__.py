"""Writes of the claims app: filing (facts, materials, signature, submission), the engine's
computation, review, payouts and the SMS texts. Every move of a claim goes through
workflow.claim_transition."""

from gonghui.claims.services.computing import claim_compute, claim_estimate, claim_event
from gonghui.claims.services.filing import (
    claim_create,
    claim_delete,
    claim_sign,
    claim_submit,
    claim_update_facts,
    material_add,
    material_remove,
    signed_facts,
)
from gonghui.claims.services.payouts import (
    payout_batch_create,
    payout_batch_export,
    payout_batch_mark_paid,
    payout_line_fail,
)
from gonghui.claims.services.records import (
    TO_RECOVER,
    WITHDRAWN,
    claim_approve_straight_through,
    claim_file_from_record,
    claim_settlement_reversed,
    straight_through_refusal,
)
from gonghui.claims.services.review import (
    REJECT_REASONS,
    claim_approve,
    claim_correct,
    claim_reject,
    claim_reopen_on_appeal,
    claim_return,
    second_approval_threshold,
)
from gonghui.claims.services.templates import sms_template_save
from gonghui.claims.services.workflow import claim_check_transition, claim_transition

__all__ = [
    "TO_RECOVER",
    "WITHDRAWN",
    "REJECT_REASONS",
    "claim_approve",
    "claim_approve_straight_through",
    "claim_check_transition",
    "claim_compute",
    "claim_correct",
    "claim_create",
    "claim_delete",
    "claim_estimate",
    "claim_event",
    "claim_file_from_record",
    "claim_reject",
    "claim_reopen_on_appeal",
    "claim_return",
    "claim_sign",
    "claim_submit",
    "claim_transition",
    "claim_update_facts",
    "claim_settlement_reversed",
    "material_add",
    "material_remove",
    "payout_batch_create",
    "payout_batch_export",
    "payout_batch_mark_paid",
    "payout_line_fail",
    "second_approval_threshold",
    "signed_facts",
    "sms_template_save",
    "straight_through_refusal",
]
