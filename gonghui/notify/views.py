from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.accounts.decorators import staff_required
from gonghui.core.exports import Column, ListExport, choice_label, list_export, name_of
from gonghui.core.search import page_query
from gonghui.notify import selectors
from gonghui.notify.forms import OutboxFilterForm
from gonghui.notify.models import SmsMessage

STATUS = choice_label(SmsMessage.Status)
OUTBOX = ListExport(
    title=_("SMS outbox"),
    columns=(
        Column(pgettext_lazy("column", "Time"), 18, value=lambda sms: sms.created_at),
        Column(pgettext_lazy("column", "Mobile"), 14, value=lambda sms: sms.mobile),
        Column(pgettext_lazy("column", "Member"), 10, value=lambda sms: name_of(sms.member)),
        Column(pgettext_lazy("column", "Kind"), 16, value=lambda sms: sms.get_kind_display()),
        Column(pgettext_lazy("column", "Text"), 60, value=lambda sms: sms.body),
        Column(pgettext_lazy("column", "Status"), 8, value=lambda sms: STATUS(sms.status)),
    ),
)


@staff_required
def outbox(request):
    """SMS sent to members of the user's subtree, searchable by mobile number and kind.
    Sign-in codes are stored masked: staff see that a code went out and whether it was
    delivered, never the code (that would let them sign in as the member)."""
    form = OutboxFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    messages = selectors.outbox_visible_to(
        request.user, mobile=filters.get("mobile", ""), kind=filters.get("kind", "")
    )
    if response := list_export(request, OUTBOX, messages):
        return response
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notify/outbox.html",
        {"page": page, "form": form, "query": page_query(request.GET, ("mobile", "kind"))},
    )
