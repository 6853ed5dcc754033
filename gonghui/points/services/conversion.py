"""Points become coins at the federation's rate of the day (dated, versioned, never edited)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.db import write_transaction
from gonghui.points import access
from gonghui.points.models import EntryKind, Rate
from gonghui.points.services import ledger

DEFAULT_POINTS_PER_COIN = 10


def federation_of(member):
    from gonghui.orgs.models import Organisation

    return Organisation.objects.get(pk=member.union.ancestor_ids[0])


def current_rate(federation, *, on: datetime.date | None = None) -> Rate:
    """The rate in force on the day; without any, the default (10 points = 1 coin, unsaved)."""
    on = on or timezone.localdate()
    rate = Rate.objects.filter(federation=federation, valid_from__lte=on).first()
    return rate or Rate(
        federation=federation,
        version=0,
        points_per_coin=DEFAULT_POINTS_PER_COIN,
        valid_from=datetime.date(2000, 1, 1),
    )


def rate_set(*, actor, federation, points_per_coin: int, valid_from: datetime.date) -> Rate:
    """A new version of the rate, from a day not in the past."""
    if actor is not None and not (
        access.can_manage(actor) and actor.org.path.startswith(federation.path)
    ):
        raise PermissionDenied(_("Only the county sets the conversion rate."))
    if not isinstance(points_per_coin, int) or points_per_coin <= 0:
        raise ValidationError(
            {"points_per_coin": _("Give a whole number of points above zero.")}, code="rate"
        )
    if valid_from < timezone.localdate():
        raise ValidationError(
            {"valid_from": _("A rate starts today or later; the past is never changed.")},
            code="past",
        )
    with write_transaction():
        last = Rate.objects.select_for_update().filter(federation=federation)
        version = (last.aggregate(v=Max("version"))["v"] or 0) + 1
        return Rate.objects.create(
            federation=federation,
            version=version,
            points_per_coin=points_per_coin,
            valid_from=valid_from,
            created_by=actor,
        )


def coins_expire_on(today: datetime.date) -> datetime.date:
    """Coins count until the end of the next calendar year."""
    return datetime.date(today.year + 1, 12, 31)


def convert(*, member, points: int, key: str, actor=None, today=None):
    """Turn `points` (a multiple of the rate) into coins. Idempotent on `key`."""
    today = today or timezone.localdate()
    rate = current_rate(federation_of(member), on=today)
    per = rate.points_per_coin
    if not isinstance(points, int) or points < per or points % per:
        raise ValidationError(
            {"points": _("Convert a multiple of %(rate)d points (%(rate)d points = 1 coin).")
             % {"rate": per}},
            code="multiple",
        )  # fmt: skip
    coins = points // per
    entry, _created = ledger.post(
        member=member,
        kind=EntryKind.CONVERT,
        key=key,
        reason=_("%(points)d points to %(coins)d coins at %(rate)d points a coin")
        % {"points": points, "coins": coins, "rate": per},
        points=-points,
        coins=coins,
        source="rate",
        source_id=rate.pk,
        actor=actor,
        expires_on=coins_expire_on(today),
    )
    return entry
