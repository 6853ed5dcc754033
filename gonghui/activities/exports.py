"""The Excel files of every activities list (core.exports: formula-safe, sensitive lists
logged): registrations, attendance, lotteries' winners."""

from django.utils.translation import pgettext_lazy

from gonghui.activities.models import EntryStatus, RegStatus, VoucherStatus
from gonghui.core.exports import Column, ListExport, choice_label

REG_STATUS, ENTRY_STATUS, VOUCHER_STATUS = (
    choice_label(RegStatus),
    choice_label(EntryStatus),
    choice_label(VoucherStatus),
)


REGISTRATIONS = ListExport(
    title=pgettext_lazy("activities", "Registrations"),
    columns=(
        Column(pgettext_lazy("activities column", "Batch"), 16, value=lambda r: r.batch.name),
        Column(pgettext_lazy("activities column", "Member"), 12, value=lambda r: r.member.name),
        Column(
            pgettext_lazy("activities column", "Union"), 24, value=lambda r: r.member.union.name
        ),
        Column(pgettext_lazy("activities column", "Mobile"), 14, value=lambda r: r.member.mobile),
        Column(
            pgettext_lazy("activities column", "Quota"),
            16,
            value=lambda r: r.pool.org.name if r.pool.org_id else "",
        ),
        Column(
            pgettext_lazy("activities column", "Status"), 12, value=lambda r: REG_STATUS(r.status)
        ),
        Column(
            pgettext_lazy("activities column", "Waiting list"), 10, value=lambda r: r.rank or ""
        ),
        Column(pgettext_lazy("activities column", "Applied at"), 18, value=lambda r: r.created_at),
    ),
)

ATTENDANCE = ListExport(
    title=pgettext_lazy("activities", "Attendance"),
    key="attendance",
    columns=(
        Column(pgettext_lazy("activities column", "Member"), 12, value=lambda r: r.member.name),
        Column(
            pgettext_lazy("activities column", "Union"), 24, value=lambda r: r.member.union.name
        ),
        Column(pgettext_lazy("activities column", "Mobile"), 14, value=lambda r: r.member.mobile),
        Column(
            pgettext_lazy("activities column", "Status"), 12, value=lambda r: REG_STATUS(r.status)
        ),
    ),
)

PROGRAMMES = ListExport(
    title=pgettext_lazy("activities", "Activities"),
    sensitive=False,
    columns=(
        Column(pgettext_lazy("activities column", "Title"), 30, value=lambda p: p.title),
        Column(pgettext_lazy("activities column", "Organised by"), 24, value=lambda p: p.org.name),
        Column(
            pgettext_lazy("activities column", "Registration closes"),
            18,
            value=lambda p: p.closes_at,
        ),
        Column(pgettext_lazy("activities column", "Places"), 10, value=lambda p: p.places or 0),
        Column(pgettext_lazy("activities column", "Held"), 10, value=lambda p: p.held or 0),
    ),
)

WINNERS = ListExport(
    title=pgettext_lazy("activities", "Lottery winners"),
    key="winners",
    columns=(
        Column(pgettext_lazy("activities column", "Draw order"), 10, value=lambda e: e.rank or ""),
        Column(pgettext_lazy("activities column", "Member"), 12, value=lambda e: e.member.name),
        Column(
            pgettext_lazy("activities column", "Union"), 24, value=lambda e: e.member.union.name
        ),
        Column(
            pgettext_lazy("activities column", "Status"), 12, value=lambda e: ENTRY_STATUS(e.status)
        ),
        Column(
            pgettext_lazy("activities column", "Prize"),
            16,
            value=lambda e: e.prize.name if e.prize_id else "",
        ),
    ),
)
