"""Titles after naming: revocation with a reason, the award recorded, and the lapse of titles
whose validity has passed (a scheduled job)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import pgettext

from gonghui.core.db import write_transaction
from gonghui.ratings import selectors
from gonghui.ratings.models import Title, TitleStatus
from gonghui.ratings.services.common import check_federation_admin, check_open


def _scoped(actor, title: Title) -> None:
    if not selectors.titles_visible_to(actor).filter(pk=title.pk).exists():
        raise PermissionDenied(pgettext("ratings", "This title is outside your organisation."))
    check_federation_admin(actor, title.programme.federation)
    check_open(title.programme.federation)


def revoke(*, actor, title: Title, reason: str) -> Title:
    _scoped(actor, title)
    if not reason.strip():
        raise ValidationError(pgettext("ratings", "Give the reason for the revocation."))
    with write_transaction():
        updated = Title.objects.filter(pk=title.pk, status=TitleStatus.IN_FORCE).update(
            status=TitleStatus.REVOKED, revoked_at=timezone.now(), revoke_reason=reason.strip()
        )
    if updated != 1:
        raise ValidationError(pgettext("ratings", "Only a title in force can be revoked."))
    title.refresh_from_db()
    return title


def record_award(*, actor, title: Title, amount, paid_on) -> Title:
    _scoped(actor, title)
    from gonghui.craftsman.services.common import decimal_value

    value = decimal_value(amount, pgettext("ratings", "Amount"))
    if value < 0:
        raise ValidationError(pgettext("ratings", "The amount cannot be negative."))
    if isinstance(paid_on, str):
        try:
            paid_on = datetime.date.fromisoformat(paid_on)
        except ValueError as exc:
            raise ValidationError(pgettext("ratings", "The payment date is not valid.")) from exc
    Title.objects.filter(pk=title.pk).update(award=value, award_paid_on=paid_on)
    title.refresh_from_db()
    return title


def lapse_expired(today: datetime.date | None = None) -> int:
    """Titles in force whose last valid day has passed lapse (re-assessment not named)."""
    today = today or timezone.localdate()
    return Title.objects.filter(status=TitleStatus.IN_FORCE, valid_until__lt=today).update(
        status=TitleStatus.LAPSED
    )
