"""Lapsed points and coins leave by an expire entry (never by editing an entry).

Spending takes the oldest credits first, so what lapses on a day is what the credits past
their last day brought in, less everything ever taken out (redeemed, expired, adjusted down),
and never more than the balance."""

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.points.models import Entry, EntryKind
from gonghui.points.services import ledger


def lapsing(member, field: str, today) -> int:
    credits = (
        Entry.objects.filter(member=member, **{f"{field}__gt": 0}, expires_on__lt=today).aggregate(
            s=Sum(field)
        )["s"]
        or 0
    )
    debits = -(
        Entry.objects.filter(member=member, **{f"{field}__lt": 0}).aggregate(s=Sum(field))["s"] or 0
    )
    balance = ledger.balance(member)[field]
    return max(0, min(credits - debits, balance))


def expire_due(*, today=None) -> int:
    """Write the expire entries due today (once a day per member and kind: the key)."""
    from gonghui.orgs.models import Member

    today = today or timezone.localdate()
    count = 0
    due = (
        Entry.objects.filter(expires_on__lt=today)
        .filter(Q(points__gt=0) | Q(coins__gt=0))
        .values_list("member_id", flat=True)
        .distinct()
    )
    for member in Member.objects.filter(pk__in=list(due)):
        for field in ("points", "coins"):
            amount = lapsing(member, field, today)
            if amount <= 0:
                continue
            ledger.post(
                member=member,
                kind=EntryKind.EXPIRE,
                key=f"expire:{member.pk}:{field}:{today.isoformat()}",
                reason=_("Lapsed at the end of their validity"),
                **{field: -amount},
            )
            count += 1
    return count
