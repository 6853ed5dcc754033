"""The parameters staff keep: 低保 standards by area and year, aid limits by tier and type."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core.money import to_decimal
from gonghui.hardship import access
from gonghui.hardship.models import (
    AidLimit,
    SubsistenceStandard,
)
from gonghui.hardship.services.common import money
from gonghui.orgs.models import FEDERATION_KINDS
from gonghui.orgs.selectors import orgs_visible_to


@transaction.atomic
def standard_set(*, actor, area, year: int, monthly_amount) -> SubsistenceStandard:
    """Set the 低保 standard of an area (a federation, town or street) for a year."""
    if not access.can_keep_standards(actor):
        raise PermissionDenied(_("Your role may not set minimum living standards."))
    if area.kind not in FEDERATION_KINDS or not orgs_visible_to(actor).filter(pk=area.pk).exists():
        raise PermissionDenied(_("You may only set standards for federations in your own area."))
    amount = money(monthly_amount, _("The standard"))
    if amount <= 0:
        raise ValidationError(_("The standard must be more than zero."), code="money")
    standard, _created = SubsistenceStandard.objects.update_or_create(
        area=area, year=year, defaults={"monthly_amount": amount}
    )
    return standard


@transaction.atomic
def aid_limit_set(
    *, actor, area, tier: str, aid_type: str, months_of_standard=None, amount=None
) -> AidLimit:
    """A yearly aid limit by tier and type: months of 低保, or a fixed amount. Without an
    area it is the installation's default, which only the top federation may set."""
    if not access.can_keep_limits(actor):
        raise PermissionDenied(_("Your role may not set aid limits."))
    if area is None:
        if actor.org.parent_id is not None:
            raise PermissionDenied(_("Only the top federation sets the default limits."))
    elif not orgs_visible_to(actor).filter(pk=area.pk).exists():
        raise PermissionDenied(_("You may only set limits for your own area."))
    if (months_of_standard in (None, "")) == (amount in (None, "")):
        raise ValidationError(
            _("Give either a number of months of the standard or a fixed amount."),
            code="limit",
        )
    months = None if months_of_standard in (None, "") else to_decimal(months_of_standard)
    if months is not None and months <= 0:
        raise ValidationError(_("The number of months must be more than zero."), code="limit")
    fixed = None if amount in (None, "") else money(amount, _("The fixed amount"))
    limit, _created = AidLimit.objects.update_or_create(
        area=area,
        tier=tier,
        aid_type=aid_type,
        defaults={"months_of_standard": months, "amount": fixed},
    )
    return limit
