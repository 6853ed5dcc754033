"""The claims' staff lists as Excel files (core.exports.list_export): ID numbers and bank
cards masked as on the pages, no diagnosis."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.claims.models import ClaimStatus, EventType
from gonghui.core.exports import Column, ListExport, choice_label, name_of
from gonghui.mutual_aid.models import PLAN_SHORT_LABELS

EVENT, STATE = choice_label(EventType), choice_label(ClaimStatus)


def _plans(claim) -> str:
    return "、".join(str(PLAN_SHORT_LABELS.get(plan, plan)) for plan in claim.plan_list)


QUEUE = ListExport(
    title=_("Claim list"),
    columns=(
        Column(pgettext_lazy("column", "Claim number"), 12, value=lambda c: c.reference),
        Column(pgettext_lazy("column", "Member"), 10, value=lambda c: c.member.name),
        Column(
            pgettext_lazy("column", "ID number (masked)"),
            22,
            value=lambda c: c.member.id_number_masked,
        ),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda c: c.member.union.name),
        Column(pgettext_lazy("column", "What happened"), 14, value=lambda c: EVENT(c.event_type)),
        Column(pgettext_lazy("column", "Plans"), 20, value=_plans),
        Column(pgettext_lazy("column", "Amount (yuan)"), 14, value=lambda c: c.amount),
        Column(pgettext_lazy("column", "State"), 14, value=lambda c: STATE(c.status)),
        Column(pgettext_lazy("column", "Reviewer"), 12, value=lambda c: name_of(c.reviewer)),
        Column(pgettext_lazy("column", "First submitted"), 18, value=lambda c: c.submitted_at),
        Column(
            pgettext_lazy("column", "In this state since"), 18, value=lambda c: c.status_changed_at
        ),
    ),
)

WAITING = ListExport(
    title=_("Claims waiting for payment"),
    key="waiting",
    columns=(
        Column(pgettext_lazy("column", "Claim number"), 12, value=lambda c: c.reference),
        Column(pgettext_lazy("column", "Member"), 10, value=lambda c: c.member.name),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda c: c.member.union.name),
        Column(pgettext_lazy("column", "Bank"), 16, value=lambda c: c.member.bank_name),
        Column(
            pgettext_lazy("column", "Bank card (masked)"),
            24,
            value=lambda c: c.member.bank_card_masked,
        ),
        Column(pgettext_lazy("column", "Amount (yuan)"), 14, value=lambda c: c.amount),
        Column(pgettext_lazy("column", "Approved"), 18, value=lambda c: c.approved_at),
        Column(pgettext_lazy("column", "State"), 14, value=lambda c: STATE(c.status)),
    ),
)

BATCHES = ListExport(
    title=_("Payout batch list"),
    key="batches",
    sensitive=False,
    columns=(
        Column(pgettext_lazy("column", "Batch"), 10, value=lambda b: b.reference),
        Column(pgettext_lazy("column", "Built"), 18, value=lambda b: b.created_at),
        Column(pgettext_lazy("column", "By"), 12, value=lambda b: name_of(b.created_by)),
        Column(pgettext_lazy("column", "Claims"), 8, value=lambda b: b.line_count),
        Column(pgettext_lazy("column", "Amount (yuan)"), 14, value=lambda b: b.total),
        Column(pgettext_lazy("column", "State"), 12, value=lambda b: b.get_status_display()),
        Column(
            pgettext_lazy("column", "Transfer file exported"), 18, value=lambda b: b.exported_at
        ),
        Column(pgettext_lazy("column", "Closed"), 18, value=lambda b: b.closed_at),
    ),
)
