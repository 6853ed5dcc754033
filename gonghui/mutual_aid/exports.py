"""The scheme's staff lists as Excel files (core.exports.list_export)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.exports import DATE, Column, ListExport, choice_label, name_of, yes_no
from gonghui.mutual_aid.models import EnrollmentStatus, Plan

PLAN, STATUS = choice_label(Plan), choice_label(EnrollmentStatus)

ENROLLMENTS = ListExport(
    title=_("Enrollment list"),
    columns=(
        Column(pgettext_lazy("column", "Name"), 10, value=lambda e: e.member.name),
        Column(
            pgettext_lazy("column", "ID number (masked)"),
            22,
            value=lambda e: e.member.id_number_masked,
        ),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda e: e.union.name),
        Column(pgettext_lazy("column", "Plan"), 24, value=lambda e: PLAN(e.plan)),
        Column(pgettext_lazy("column", "Enrollment date"), 12, DATE, value=lambda e: e.enrolled_on),
        Column(pgettext_lazy("column", "Renewal"), 8, value=lambda e: yes_no(e.renewal)),
        Column(pgettext_lazy("column", "Covered from"), 12, DATE, value=lambda e: e.covered_from),
        Column(pgettext_lazy("column", "Status"), 10, value=lambda e: STATUS(e.status)),
        Column(pgettext_lazy("column", "Period"), 10, value=lambda e: e.period.code),
    ),
)

# What each union owes for the period (selectors.UnionFigures rows).
DUES = ListExport(
    title=pgettext_lazy("mutual_aid", "Contributions due"),
    key="dues",
    sensitive=False,
    columns=(
        Column(pgettext_lazy("column", "Union"), 30, value=lambda row: row.union.name),
        Column(pgettext_lazy("column", "Union code"), 12, value=lambda row: row.union.code),
        Column(pgettext_lazy("column", "Person-times"), 10, value=lambda row: row.person_times),
        Column(pgettext_lazy("column", "Due (yuan)"), 14, value=lambda row: row.due),
        Column(pgettext_lazy("column", "Paid (yuan)"), 14, value=lambda row: row.paid),
        Column(pgettext_lazy("column", "Owed (yuan)"), 14, value=lambda row: row.outstanding),
    ),
)

PAYMENTS = ListExport(
    title=_("Payments recorded"),
    key="payments",
    sensitive=False,
    columns=(
        Column(pgettext_lazy("column", "Paid on"), 12, DATE, value=lambda p: p.paid_on),
        Column(pgettext_lazy("column", "Union"), 30, value=lambda p: p.union.name),
        Column(pgettext_lazy("column", "Amount (yuan)"), 14, value=lambda p: p.amount),
        Column(pgettext_lazy("column", "Recorded by"), 14, value=lambda p: name_of(p.recorded_by)),
        Column(pgettext_lazy("column", "Recorded at"), 18, value=lambda p: p.recorded_at),
        Column(pgettext_lazy("column", "Note"), 30, value=lambda p: p.note),
    ),
)
