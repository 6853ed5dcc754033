from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.accounts.decorators import staff_required
from gonghui.core.exports import Column, ListExport, choice_label, list_export, name_of
from gonghui.notify.models import SmsMessage

STATUS = choice_label(SmsMessage.Status)
OUTBOX = ListExport(
    title=_("SMS outbox"),
    columns=(
        Column(pgettext_lazy("column", "Time"), 18, value=lambda sms: sms.created_at),
        Column(pgettext_lazy("column", "Mobile"), 14, value=lambda sms: sms.mobile),
        Column(pgettext_lazy("column", "Member"), 10, value=lambda sms: name_of(sms.member)),
        Column(pgettext_lazy("column", "Kind"), 16, value=lambda sms: sms.kind),
        Column(pgettext_lazy("column", "Text"), 60, value=lambda sms: sms.body),
        Column(pgettext_lazy("column", "Status"), 8, value=lambda sms: STATUS(sms.status)),
    ),
)


@staff_required
def outbox(request):
    """SMS sent to members of the user's subtree. Sign-in codes are stored masked: staff see
    that a code went out and whether it was delivered, never the code (that would let them
    sign in as the member)."""
    prefix = request.user.org.path
    messages = SmsMessage.objects.filter(Q(member__union__path__startswith=prefix)).select_related(
        "member"
    )
    if response := list_export(request, OUTBOX, messages):
        return response
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    return render(request, "notify/outbox.html", {"page": page})
