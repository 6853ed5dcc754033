"""The ledger's one way to write: `post` appends an entry and moves the member's balance row
in the same transaction, with the balance row locked (`select_for_update`), so concurrent
writes for one member queue; the CHECK constraints on the row refuse any balance below zero
even if a caller forgot to check. The idempotency key is unique: a retried or concurrent
second post with the same key finds the first one and adds nothing."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from gonghui.core.db import write_transaction
from gonghui.points.models import Account, Entry


def account_for_update(member) -> Account:
    """The member's balance row, created on first use, locked until the transaction ends."""
    account = Account.objects.select_for_update().filter(member=member).first()
    if account is not None:
        return account
    try:
        with transaction.atomic():
            Account.objects.create(member=member)
    except IntegrityError:
        pass  # created meanwhile by a concurrent first write
    return Account.objects.select_for_update().get(member=member)


def post(
    *,
    member,
    kind: str,
    key: str,
    reason: str,
    points: int = 0,
    coins: int = 0,
    source: str = "",
    source_id: int | None = None,
    actor=None,
    expires_on=None,
) -> tuple[Entry, bool]:
    """Append one entry (or find the one with this key). Returns (entry, created)."""
    if not key:
        raise ValueError("an entry needs an idempotency key")
    if not isinstance(points, int) or not isinstance(coins, int):
        raise TypeError("points and coins are integers")
    with write_transaction():
        account = account_for_update(member)
        existing = Entry.objects.filter(key=key).first()
        if existing is not None:
            return existing, False
        if account.points + points < 0:
            raise ValidationError(
                _("Not enough points: you have %(have)d, this needs %(need)d.")
                % {"have": account.points, "need": -points},
                code="points",
            )
        if account.coins + coins < 0:
            raise ValidationError(
                _("Not enough coins: you have %(have)d, this needs %(need)d.")
                % {"have": account.coins, "need": -coins},
                code="coins",
            )
        try:
            with transaction.atomic():
                entry = Entry.objects.create(
                    member=member,
                    kind=kind,
                    points=points,
                    coins=coins,
                    key=key,
                    reason=reason[:255],
                    source=source,
                    source_id=source_id,
                    actor=actor if getattr(actor, "pk", None) else None,
                    expires_on=expires_on,
                )
        except IntegrityError:
            # The same key committed by another member's transaction meanwhile.
            return Entry.objects.get(key=key), False
        account.points += points
        account.coins += coins
        account.save(update_fields=["points", "coins", "updated_at"])
        return entry, True


def balance(member) -> dict:
    account = Account.objects.filter(member=member).values("points", "coins").first()
    return account or {"points": 0, "coins": 0}


def balance_from_entries(member) -> dict:
    """The sums of the member's entries (what the balance row must always equal)."""
    sums = Entry.objects.filter(member=member).aggregate(p=Sum("points"), c=Sum("coins"))
    return {"points": sums["p"] or 0, "coins": sums["c"] or 0}
