"""The SMS a member receives at each step of a registration or a lottery (signed
【数智工会】 by notify.services)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from gonghui.notify.services import sms_send

TEXTS = {
    "confirmed": gettext_noop(
        "Your place in “%(title)s” (%(batch)s, %(start)s, %(place)s) is confirmed."
    ),
    "offered": gettext_noop(
        "A place in “%(title)s” (%(batch)s, %(start)s) is offered to you. Confirm it on the "
        "union app before %(until)s, or it passes to the next on the waiting list."
    ),
    "expired": gettext_noop(
        "Your offer of a place in “%(title)s” expired unconfirmed; the place passed to the next "
        "on the waiting list."
    ),
    "nominated": gettext_noop(
        "Your union nominated you for “%(title)s” (%(batch)s, %(start)s); the county will "
        "confirm the place."
    ),
    "not_drawn": gettext_noop(
        "The draw for “%(title)s” is done: you are number %(rank)s on the waiting list. "
        "We will tell you by SMS if a place becomes free."
    ),
}


def send(registration, step: str) -> None:
    member = registration.member
    if not member.mobile:
        return
    batch = registration.batch
    until = registration.offer_expires_at
    values = {
        "title": batch.programme.title,
        "batch": batch.name,
        "start": batch.starts_on.strftime("%Y-%m-%d"),
        "place": batch.place,
        "until": timezone.localtime(until).strftime("%m-%d %H:%M") if until else "",
        "rank": registration.rank or "",
    }
    sms_send(mobile=member.mobile, text=_(TEXTS[step]) % values, kind="activity", member=member)


def send_prize(voucher) -> None:
    member = voucher.entry.member
    if not member.mobile:
        return
    text = _(
        "Congratulations: you won “%(prize)s” in “%(title)s”. Your voucher is on the union "
        "app, valid until %(until)s."
    ) % {
        "prize": voucher.prize.name,
        "title": voucher.prize.lottery.title,
        "until": timezone.localtime(voucher.valid_until).strftime("%Y-%m-%d"),
    }
    sms_send(mobile=member.mobile, text=text, kind="activity", member=member)
