from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from gonghui.accounts.decorators import staff_required
from gonghui.notify.models import SmsMessage


@staff_required
def outbox(request):
    """SMS sent to members of the user's subtree (login codes included: staff at a service
    window read a code to a worker whose phone does not receive it)."""
    prefix = request.user.org.path
    messages = SmsMessage.objects.filter(Q(member__union__path__startswith=prefix)).select_related(
        "member"
    )
    page = Paginator(messages, 50).get_page(request.GET.get("page"))
    return render(request, "notify/outbox.html", {"page": page})
