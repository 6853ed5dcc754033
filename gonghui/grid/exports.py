from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.exports import Column, ListExport, choice_label, name_of
from gonghui.grid.models import Kind, Level, Severity, Status

KIND, SEVERITY, STATUS, LEVEL = (choice_label(c) for c in (Kind, Severity, Status, Level))

CASES = ListExport(
    title=_("Dispute cases"),
    sensitive=False,  # no party's data in the file
    columns=(
        Column(pgettext_lazy("column", "Case number"), 16, value=lambda c: c.code),
        Column(pgettext_lazy("column", "Kind"), 12, value=lambda c: KIND(c.kind)),
        Column(pgettext_lazy("column", "Severity"), 8, value=lambda c: SEVERITY(c.severity)),
        Column(pgettext_lazy("column", "Status"), 10, value=lambda c: STATUS(c.status)),
        Column(pgettext_lazy("column", "Level"), 12, value=lambda c: LEVEL(c.level)),
        Column(pgettext_lazy("column", "Town"), 18, value=lambda c: name_of(c.town)),
        Column(pgettext_lazy("column", "Union"), 24, value=lambda c: name_of(c.union)),
        Column(pgettext_lazy("column", "Title"), 24, value=lambda c: c.title),
        Column(pgettext_lazy("column", "People involved"), 8, value=lambda c: c.people),
        Column(pgettext_lazy("column", "Amount involved"), 12, value=lambda c: c.amount),
        Column(pgettext_lazy("column", "Amount recovered"), 12, value=lambda c: c.recovered),
        Column(pgettext_lazy("column", "Filed"), 18, value=lambda c: c.filed_at),
    ),
)
