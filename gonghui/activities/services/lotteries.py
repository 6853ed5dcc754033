"""Lotteries: prize tiers with stock, one entry per member, the draw's result turned into
prizes and vouchers, redemption once by the partner's staff, and unredeemed vouchers passing
to the waiting list (the published rule)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gonghui.activities import access, sms
from gonghui.activities.models import (
    Entry,
    EntryStatus,
    Lottery,
    Prize,
    Voucher,
    VoucherStatus,
)
from gonghui.core.db import write_transaction
from gonghui.draw import engine


def lottery_create(*, actor, org, title, opens_at, closes_at, prizes, voucher_days=30) -> Lottery:
    """`prizes`: [(name, stock, value, partner or None), ...] in the order they are drawn."""
    if not access.can_organise(actor) or not org.path.startswith(actor.org.path):
        raise PermissionDenied(_("You may not organise lotteries for this organisation."))
    if not (title or "").strip():
        raise ValidationError(_("Give the lottery a title."), code="title")
    if not (opens_at and closes_at) or closes_at <= opens_at:
        raise ValidationError(_("The entry window must close after it opens."), code="window")
    try:
        engine.check_prizes([(name, stock) for name, stock, *_rest in prizes])
    except engine.PrizeSpecError as exc:
        raise ValidationError(str(exc), code="prizes") from None
    if not prizes:
        raise ValidationError(_("A lottery has at least one prize."), code="prizes")
    with write_transaction():
        lottery = Lottery.objects.create(
            org=org,
            title=title.strip(),
            opens_at=opens_at,
            closes_at=closes_at,
            voucher_days=voucher_days,
            created_by=actor,
        )
        for position, (name, stock, value, partner) in enumerate(prizes, start=1):
            Prize.objects.create(
                lottery=lottery,
                position=position,
                name=name,
                stock=int(stock),
                value=value,
                partner=partner,
            )
    return lottery


def lottery_enter(*, actor, member, lottery: Lottery, now=None) -> Entry:
    from gonghui.core.switches import service_open_to

    now = now or timezone.now()
    if actor is not None and actor.pk != member.user_id:
        raise PermissionDenied(_("Members enter for themselves."))
    if actor is not None and not service_open_to(actor, "activities"):
        raise PermissionDenied(
            pgettext("activities", "Your county federation has not switched this service on.")
        )
    if not member.union.path.startswith(lottery.org.path) or member.status != "active":
        raise ValidationError(
            _("Open to members of %(org)s only.") % {"org": lottery.org.name}, code="scope"
        )
    if not lottery.opens_at <= now < lottery.closes_at:
        raise ValidationError(
            _("Entries are accepted from %(start)s to %(end)s.")
            % {
                "start": timezone.localtime(lottery.opens_at).strftime("%Y-%m-%d %H:%M"),
                "end": timezone.localtime(lottery.closes_at).strftime("%Y-%m-%d %H:%M"),
            },
            code="window",
        )
    try:
        with write_transaction():
            return Entry.objects.create(lottery=lottery, member=member)
    except IntegrityError:
        raise ValidationError(
            _("You have already entered this lottery (one entry per member)."), code="twice"
        ) from None


def lottery_entrants(lottery: Lottery) -> list[Entry]:
    """The entrants in entry order (ties by id): entrant n is the n-th of this list."""
    return list(lottery.entries.select_related("member").order_by("created_at", "id"))


def _voucher_for(entry: Entry, prize: Prize, now) -> Voucher:
    days = entry.lottery.voucher_days
    return Voucher.objects.create(
        entry=entry, prize=prize, valid_until=now + datetime.timedelta(days=days)
    )


def voucher_redeem(*, actor, code: str, now=None) -> Voucher:
    """The partner's staff scan (or type) the voucher's code: redeemed once, the prize's
    stock never below 0, only the partner's own prizes, only while valid."""
    now = now or timezone.now()
    code = (code or "").strip().upper()
    voucher = Voucher.objects.select_related("prize", "entry__member").filter(code=code).first()
    if voucher is None:
        raise ValidationError(_("No voucher has this code."), code="unknown")
    if not access.is_partner(actor) or voucher.prize.partner_id not in access.partner_ids(actor):
        raise PermissionDenied(_("This voucher is not for one of your prizes."))
    if voucher.status == VoucherStatus.REDEEMED:
        raise ValidationError(_("This voucher has already been redeemed."), code="twice")
    if voucher.status == VoucherStatus.EXPIRED or voucher.valid_until <= now:
        raise ValidationError(_("This voucher has expired."), code="expired")
    with write_transaction():
        won = Voucher.objects.filter(
            pk=voucher.pk, status=VoucherStatus.ISSUED, valid_until__gt=now
        ).update(status=VoucherStatus.REDEEMED, redeemed_at=now, redeemed_by=actor)
        if not won:
            raise ValidationError(_("This voucher has already been redeemed."), code="twice")
        stocked = Prize.objects.filter(pk=voucher.prize_id, redeemed__lt=F("stock")).update(
            redeemed=F("redeemed") + 1
        )
        if not stocked:
            raise ValidationError(_("This prize is out of stock."), code="stock")
    voucher.status, voucher.redeemed_at, voucher.redeemed_by = VoucherStatus.REDEEMED, now, actor
    return voucher


def vouchers_expire(*, now=None) -> int:
    """Vouchers not redeemed in their validity expire; each prize passes to the first entry
    of the waiting list (draw order), with a fresh voucher and an SMS. Safe to run twice at
    once: each expiry is a conditional update."""
    now = now or timezone.now()
    count = 0
    due = Voucher.objects.filter(status=VoucherStatus.ISSUED, valid_until__lte=now)
    for voucher in due.select_related("prize__lottery", "entry"):
        with write_transaction():
            if not Voucher.objects.filter(pk=voucher.pk, status=VoucherStatus.ISSUED).update(
                status=VoucherStatus.EXPIRED
            ):
                continue
            count += 1
            successor = None
            for entry in Entry.objects.filter(
                lottery=voucher.prize.lottery, status=EntryStatus.WAITING
            ).order_by("rank")[:5]:
                if Entry.objects.filter(pk=entry.pk, status=EntryStatus.WAITING).update(
                    status=EntryStatus.WON, prize=voucher.prize
                ):
                    entry.status, entry.prize = EntryStatus.WON, voucher.prize
                    successor = _voucher_for(entry, voucher.prize, now)
                    break
        if successor:
            sms.send_prize(successor)
    return count
