"""The appeal queue as an Excel file (core.exports.list_export; logged: who appealed what)."""

from django.utils.translation import pgettext_lazy

from gonghui.appeals.models import AppealStatus
from gonghui.core.exports import Column, ListExport, choice_label, name_of, yes_no

STATUS = choice_label(AppealStatus)
DATETIME = "%Y-%m-%d %H:%M"


def _when(value) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime(DATETIME) if value else ""


QUEUE = ListExport(
    title=pgettext_lazy("appeals", "Appeal queue"),
    columns=(
        Column(pgettext_lazy("column", "Number"), 10, value=lambda a: a.reference),
        Column(pgettext_lazy("column", "Member"), 10, value=lambda a: a.member.name),
        Column(pgettext_lazy("column", "Union"), 24, value=lambda a: a.member.union.name),
        Column(pgettext_lazy("column", "Appeal against"), 36, value=lambda a: a.title),
        Column(pgettext_lazy("column", "Reason for the appeal"), 40, value=lambda a: a.reason),
        Column(pgettext_lazy("column", "Refused by"), 12, value=lambda a: name_of(a.refused_by)),
        Column(pgettext_lazy("column", "Filed"), 17, value=lambda a: _when(a.filed_at)),
        Column(pgettext_lazy("column", "By staff (代办)"), 8, value=lambda a: yes_no(a.on_behalf)),
        Column(pgettext_lazy("column", "Status"), 16, value=lambda a: STATUS(a.status)),
        Column(pgettext_lazy("column", "Decided by"), 12, value=lambda a: name_of(a.decided_by)),
        Column(pgettext_lazy("column", "Decided"), 17, value=lambda a: _when(a.decided_at)),
        Column(pgettext_lazy("column", "Decision"), 36, value=lambda a: a.decision_note),
    ),
)
