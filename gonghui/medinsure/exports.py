"""The medical-insurance staff lists as Excel files (core.exports.list_export): ID numbers
masked and diagnoses left out, as on the pages."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.exports import DATE, Column, ListExport, choice_label, name_of
from gonghui.medinsure.models import Category, NoticeKind, NoticeStatus, RecordKind, RecoveryStatus

RECORD_KIND, CATEGORY = choice_label(RecordKind), choice_label(Category)
NOTICE_KIND, NOTICE_STATUS = choice_label(NoticeKind), choice_label(NoticeStatus)
RECOVERY_STATUS = choice_label(RecoveryStatus)


def _notice_total(record):
    notice = getattr(record, "notice", None)  # a reverse one-to-one: absent raises
    return notice.total if notice is not None else None


RECORDS = ListExport(
    title=_("Settlement record list"),
    columns=(
        Column(pgettext_lazy("column", "Serial number"), 22, value=lambda r: r.serial),
        Column(
            pgettext_lazy("column", "Settlement status"), 10, value=lambda r: RECORD_KIND(r.kind)
        ),
        Column(
            pgettext_lazy("column", "Serial number reversed"), 22, value=lambda r: r.original_serial
        ),
        Column(pgettext_lazy("column", "Name"), 10, value=lambda r: r.name),
        Column(
            pgettext_lazy("column", "ID number (masked)"), 22, value=lambda r: r.id_number_masked
        ),
        Column(pgettext_lazy("column", "Category"), 10, value=lambda r: CATEGORY(r.category)),
        Column(pgettext_lazy("column", "Hospital"), 24, value=lambda r: r.hospital),
        Column(pgettext_lazy("column", "Admission"), 12, DATE, value=lambda r: r.admission),
        Column(pgettext_lazy("column", "Discharge"), 12, DATE, value=lambda r: r.discharge),
        Column(
            pgettext_lazy("column", "Co-payment (yuan)"), 14, value=lambda r: r.self_responsibility
        ),
        Column(pgettext_lazy("column", "Member"), 10, value=lambda r: name_of(r.member)),
        Column(
            pgettext_lazy("column", "Union"),
            28,
            value=lambda r: r.member.union.name if r.member else "",
        ),
        Column(pgettext_lazy("column", "Benefit found (yuan)"), 14, value=_notice_total),
    ),
)

NOTICES = ListExport(
    title=_("Benefit notice list"),
    columns=(
        Column(pgettext_lazy("column", "Found"), 18, value=lambda n: n.created_at),
        Column(pgettext_lazy("column", "Member"), 10, value=lambda n: n.member.name),
        Column(
            pgettext_lazy("column", "ID number (masked)"),
            22,
            value=lambda n: n.member.id_number_masked,
        ),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda n: n.member.union.name),
        Column(pgettext_lazy("column", "Serial number"), 22, value=lambda n: n.record.serial),
        Column(pgettext_lazy("column", "Discharge"), 12, DATE, value=lambda n: n.discharge),
        Column(pgettext_lazy("column", "Amount (yuan)"), 14, value=lambda n: n.total),
        Column(pgettext_lazy("column", "Kind"), 16, value=lambda n: NOTICE_KIND(n.kind)),
        Column(pgettext_lazy("column", "Status"), 10, value=lambda n: NOTICE_STATUS(n.status)),
        Column(pgettext_lazy("column", "SMS sent"), 18, value=lambda n: n.notified_at),
        Column(pgettext_lazy("column", "Reminded"), 18, value=lambda n: n.reminded_at),
    ),
)

RECOVERIES = ListExport(
    title=_("Recovery list"),
    columns=(
        Column(pgettext_lazy("column", "Opened"), 18, value=lambda r: r.opened_at),
        Column(pgettext_lazy("column", "Member"), 10, value=lambda r: r.member.name),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda r: r.member.union.name),
        Column(pgettext_lazy("column", "Settlement"), 22, value=lambda r: r.notice.record.serial),
        Column(pgettext_lazy("column", "Reversal"), 22, value=lambda r: r.reversal.serial),
        Column(pgettext_lazy("column", "Amount (yuan)"), 14, value=lambda r: r.amount),
        Column(pgettext_lazy("column", "Status"), 10, value=lambda r: RECOVERY_STATUS(r.status)),
        Column(pgettext_lazy("column", "Closed by"), 12, value=lambda r: name_of(r.closed_by)),
        Column(pgettext_lazy("column", "Closed"), 18, value=lambda r: r.closed_at),
        Column(pgettext_lazy("column", "Note"), 30, value=lambda r: r.note),
    ),
)
