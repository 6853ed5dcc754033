"""Reads of the SMS outbox, scoped to the user's subtree."""

from django.db.models import QuerySet

from gonghui.notify.models import SmsMessage


def outbox_visible_to(user, *, mobile: str = "", kind: str = "") -> QuerySet[SmsMessage]:
    """SMS sent to members of the user's subtree; `mobile`: the whole number, or its last
    digits (at least 4); `kind`: one of notify.kinds."""
    messages = SmsMessage.objects.filter(member__union__path__startswith=user.org.path)
    if mobile:
        messages = (
            messages.filter(mobile=mobile)
            if len(mobile) == 11
            else messages.filter(mobile__endswith=mobile)
        )
    if kind:
        messages = messages.filter(kind=kind)
    return messages.select_related("member")
