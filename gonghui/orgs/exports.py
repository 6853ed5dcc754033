"""The registry's staff lists as Excel files (core.exports.list_export): ID numbers and bank
cards masked as on the pages."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.exports import DATE, Column, ListExport, choice_label, name_of, yes_no
from gonghui.orgs.models import EmploymentGroup, Gender, MemberStatus

GENDER, MEMBERSHIP = choice_label(Gender), choice_label(MemberStatus)
GROUP = choice_label(EmploymentGroup)

MEMBERS = ListExport(
    title=_("Member list"),
    columns=(
        Column(pgettext_lazy("column", "Name"), 10, value=lambda m: m.name),
        Column(
            pgettext_lazy("column", "ID number (masked)"), 22, value=lambda m: m.id_number_masked
        ),
        Column(pgettext_lazy("column", "Gender"), 6, value=lambda m: GENDER(m.gender)),
        Column(pgettext_lazy("column", "Mobile"), 14, value=lambda m: m.mobile),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda m: m.union.name),
        Column(pgettext_lazy("column", "Enterprise"), 28, value=lambda m: name_of(m.enterprise)),
        Column(pgettext_lazy("column", "Membership"), 10, value=lambda m: MEMBERSHIP(m.status)),
        Column(pgettext_lazy("column", "Join date"), 12, DATE, value=lambda m: m.join_date),
        Column(
            pgettext_lazy("column", "New employment form"),
            16,
            value=lambda m: GROUP(m.employment_group) if m.employment_group else "",
        ),
        Column(
            pgettext_lazy("column", "Basic medical insurance"),
            10,
            value=lambda m: yes_no(m.basic_medical_insurance),
        ),
        Column(
            pgettext_lazy("column", "Maternity insurance"),
            10,
            value=lambda m: yes_no(m.maternity_insurance),
        ),
        Column(pgettext_lazy("column", "Bank"), 16, value=lambda m: m.bank_name),
        Column(
            pgettext_lazy("column", "Bank card (masked)"), 24, value=lambda m: m.bank_card_masked
        ),
    ),
)

# Rows of the organisation tree page: (organisation, active members, indent).
ORGANISATIONS = ListExport(
    title=_("Organisation list"),
    sensitive=False,
    columns=(
        Column(pgettext_lazy("column", "Organisation name"), 36, value=lambda row: row[0].name),
        Column(pgettext_lazy("column", "Code"), 14, value=lambda row: row[0].code),
        Column(pgettext_lazy("column", "Kind"), 16, value=lambda row: row[0].get_kind_display()),
        Column(pgettext_lazy("column", "Parent"), 30, value=lambda row: name_of(row[0].parent)),
        Column(
            pgettext_lazy("column", "Members"),
            10,
            value=lambda row: row[1] if row[0].is_grassroots else None,
        ),
    ),
)

ENTERPRISES = ListExport(
    title=_("Enterprise list"),
    sensitive=False,
    columns=(
        Column(pgettext_lazy("column", "Enterprise name"), 32, value=lambda e: e.name),
        Column(
            pgettext_lazy("column", "Unified social credit code"), 22, value=lambda e: e.credit_code
        ),
        Column(pgettext_lazy("column", "Staff"), 8, value=lambda e: e.staff_count),
        Column(pgettext_lazy("column", "Industry"), 12, value=lambda e: e.industry),
        Column(pgettext_lazy("column", "Address"), 32, value=lambda e: e.address),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda e: name_of(e.union)),
        Column(pgettext_lazy("column", "Town or street"), 20, value=lambda e: e.area.name),
    ),
)
