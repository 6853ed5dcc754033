"""The craftsman staff lists as Excel files (core.exports.list_export), formula-safe."""

from django.utils.translation import pgettext_lazy

from gonghui.core.exports import DATE, Column, ListExport, choice_label, name_of, yes_no
from gonghui.craftsman.models import Channel, HonourLevel, Status, Title

STATUS, CHANNEL, TITLE = choice_label(Status), choice_label(Channel), choice_label(Title)
LEVEL = choice_label(HonourLevel)

APPLICATIONS = ListExport(
    title=pgettext_lazy("craftsman", "Craftsman applications"),
    columns=(
        Column(pgettext_lazy("column", "Worker"), 10, value=lambda a: a.member.name),
        Column(pgettext_lazy("column", "Union"), 28, value=lambda a: a.union.name),
        Column(pgettext_lazy("column", "Enterprise"), 28, value=lambda a: name_of(a.enterprise)),
        Column(pgettext_lazy("column", "Channel"), 14, value=lambda a: CHANNEL(a.channel)),
        Column(pgettext_lazy("column", "Status"), 16, value=lambda a: STATUS(a.status)),
        Column(pgettext_lazy("column", "Score"), 8, value=lambda a: a.score),
        Column(pgettext_lazy("column", "Directly recognised"), 8, value=lambda a: yes_no(a.direct)),
        Column(
            pgettext_lazy("craftsman", "Applied on"), 12, DATE, value=lambda a: a.applied_at.date()
        ),
    ),
)

HONOURS = ListExport(
    title=pgettext_lazy("craftsman", "Honours archive"),
    sensitive=False,
    columns=(
        Column(pgettext_lazy("column", "Holder"), 16, value=lambda h: h.holder_name),
        Column(pgettext_lazy("column", "Collective"), 8, value=lambda h: yes_no(h.collective)),
        Column(pgettext_lazy("column", "Honour"), 24, value=lambda h: h.name or TITLE(h.title)),
        Column(pgettext_lazy("column", "Level"), 10, value=lambda h: LEVEL(h.level)),
        Column(pgettext_lazy("column", "Year"), 8, value=lambda h: h.year),
        Column(pgettext_lazy("column", "Valid until"), 12, DATE, value=lambda h: h.valid_until),
        Column(pgettext_lazy("column", "Revoked"), 8, value=lambda h: yes_no(h.revoked_at)),
    ),
)
