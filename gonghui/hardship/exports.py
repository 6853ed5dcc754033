"""The hardship staff lists as Excel files (core.exports.list_export): who is in hardship is
sensitive, so every one but the campaigns' totals is logged; ID numbers masked."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.exports import DATE, Column, ListExport, choice_label
from gonghui.hardship.models import Cause, Status, Tier

STATUS, TIER, CAUSE = choice_label(Status), choice_label(Tier), choice_label(Cause)

FILES = ListExport(
    title=_("Hardship file list"),
    columns=(
        Column(pgettext_lazy("column", "Worker"), 10, value=lambda f: f.member.name),
        Column(
            pgettext_lazy("column", "ID number (masked)"),
            22,
            value=lambda f: f.member.id_number_masked,
        ),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda f: f.member.union.name),
        Column(pgettext_lazy("column", "Status"), 16, value=lambda f: STATUS(f.status)),
        Column(
            pgettext_lazy("column", "Suggested tier"),
            14,
            value=lambda f: TIER(f.suggested_tier),
        ),
        Column(
            pgettext_lazy("column", "Tier"),
            14,
            value=lambda f: TIER(f.tier),
        ),
        Column(pgettext_lazy("column", "Main cause"), 12, value=lambda f: CAUSE(f.main_cause)),
        Column(pgettext_lazy("column", "Applied on"), 12, DATE, value=lambda f: f.applied_on),
        Column(pgettext_lazy("column", "Last reviewed"), 12, DATE, value=lambda f: f.reviewed_on),
    ),
)

# Rows of the campaign list: (campaign, totals).
CAMPAIGNS = ListExport(
    title=_("Campaign list"),
    sensitive=False,
    columns=(
        Column(pgettext_lazy("column", "Year"), 6, value=lambda row: row[0].year),
        Column(pgettext_lazy("column", "Campaign"), 28, value=lambda row: row[0].name),
        Column(pgettext_lazy("column", "Kind"), 14, value=lambda row: row[0].get_kind_display()),
        Column(pgettext_lazy("column", "Organised by"), 24, value=lambda row: row[0].org.name),
        Column(pgettext_lazy("column", "Recipients"), 10, value=lambda row: row[1]["recipients"]),
        Column(pgettext_lazy("column", "Paid"), 8, value=lambda row: row[1]["paid_count"]),
        Column(pgettext_lazy("column", "Budget (yuan)"), 14, value=lambda row: row[0].budget),
        Column(pgettext_lazy("column", "Spent (yuan)"), 14, value=lambda row: row[1]["spent"]),
    ),
)

PAIRS = ListExport(
    title=_("Pairing list"),
    columns=(
        Column(pgettext_lazy("column", "Cadre"), 12, value=lambda p: str(p.cadre)),
        Column(pgettext_lazy("column", "Worker"), 10, value=lambda p: p.file.member.name),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda p: p.file.member.union.name),
        Column(
            pgettext_lazy("column", "Tier"),
            14,
            value=lambda p: TIER(p.file.tier),
        ),
        Column(pgettext_lazy("column", "Paired since"), 12, DATE, value=lambda p: p.started_on),
        Column(pgettext_lazy("column", "Last visit"), 12, DATE, value=lambda p: p.last_visit),
        Column(pgettext_lazy("column", "Days since"), 10, value=lambda p: p.days_since),
    ),
)
