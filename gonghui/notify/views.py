from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from gonghui.accounts.decorators import staff_required
from gonghui.notify.models import SmsMessage


@staff_required
def outbox(request):
    """SMS sent to members of the user's subtree. Sign-in codes are stored masked: staff see
    that a code went out and whether it was delivered, never the code (that would let them
    sign in as the member)."""
    prefix = request.user.org.path
    messages = SmsMessage.objects.filter(Q(member__union__path__startswith=prefix)).select_related(
        "member"
    )
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    return render(request, "notify/outbox.html", {"page": page})
