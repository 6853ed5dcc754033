"""What the hardship services share: the acting user's scope, amounts and dates."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.money import round_money, to_decimal
from gonghui.hardship import access, selectors
from gonghui.hardship.models import HardshipFile


def current_date() -> datetime.date:
    return timezone.localdate()


def check_scope(actor, file: HardshipFile) -> None:
    """Steps and edits need the file inside the actor's subtree (the worker: their own)."""
    if not selectors.files_in_scope(actor).filter(pk=file.pk).exists():
        raise PermissionDenied(_("This hardship file is outside your organisation."))


def check_keeper(actor, file: HardshipFile) -> None:
    if not access.can_keep_files(actor):
        raise PermissionDenied(_("Your role may not change hardship files."))
    check_scope(actor, file)


def money(value, label) -> Decimal:
    try:
        amount = round_money(to_decimal(value if value not in (None, "") else 0))
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _("%(field)s is not an amount.") % {"field": label}, code="money"
        ) from exc
    if amount < 0:
        raise ValidationError(_("%(field)s cannot be negative.") % {"field": label}, code="money")
    return amount


def not_in_future(day: datetime.date, label) -> None:
    if day > current_date():
        raise ValidationError(
            _("%(field)s cannot be in the future.") % {"field": label}, code="future"
        )
