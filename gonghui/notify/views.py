from django.core.paginator import Paginator
from django.shortcuts import render

from gonghui.accounts.decorators import staff_required
from gonghui.core.search import page_query
from gonghui.notify import selectors
from gonghui.notify.forms import OutboxFilterForm


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
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "notify/outbox.html",
        {"page": page, "form": form, "query": page_query(request.GET, ("mobile", "kind"))},
    )
