"""Aid records on active files, with the yearly limits by tier and type."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core.money import fmt_yuan
from gonghui.hardship import access, rules, selectors
from gonghui.hardship.models import (
    AidRecord,
    AidType,
    Campaign,
    CampaignRecipient,
    HardshipFile,
    Status,
)
from gonghui.hardship.services.common import (
    check_scope,
    money,
    not_in_future,
)


class OverLimit(ValidationError):
    """The aid would take the file above its yearly limit; a reason lets it through."""

    def __init__(self, *, limit: Decimal, already: Decimal):
        self.limit, self.already = limit, already
        super().__init__(
            _(
                "This is above the yearly limit of %(limit)s yuan for this tier and aid type "
                "(%(already)s yuan already given this year). Give a reason to go ahead."
            )
            % {"limit": fmt_yuan(limit), "already": fmt_yuan(already)},
            code="over_limit",
        )


@transaction.atomic
def aid_record_create(
    *,
    actor,
    file: HardshipFile,
    aid_type: str,
    given_on: datetime.date,
    funding_source: str,
    amount=0,
    goods: str = "",
    goods_value=0,
    campaign: Campaign | None = None,
    recipient: CampaignRecipient | None = None,
    over_limit_reason: str = "",
    note: str = "",
) -> AidRecord:
    """Record aid on an active file. Above the tier's yearly limit for the type it needs a
    reason, and is marked."""
    if not access.can_record_aid(actor):
        raise PermissionDenied(_("Your role may not record aid."))
    check_scope(actor, file)
    if file.status != Status.ACTIVE:
        raise ValidationError(_("Aid is recorded on active files only."), code="not_active")
    if aid_type not in AidType.values:
        raise ValidationError(_("Please choose the aid type."), code="aid_type")
    cash = money(amount, _("The amount"))
    goods = (goods or "").strip()
    value = money(goods_value, _("The value of the goods"))
    if cash <= 0 and not goods:
        raise ValidationError(_("Give an amount of money or describe the goods."), code="empty")
    not_in_future(given_on, _("The date given"))
    limit = selectors.aid_limit_amount(file, aid_type, given_on.year)
    already = selectors.aid_given(file, aid_type, given_on.year)
    over = rules.exceeds_limit(already=already, new=cash + value, limit=limit)
    over_limit_reason = (over_limit_reason or "").strip()
    if over and not over_limit_reason:
        raise OverLimit(limit=limit, already=already)
    return AidRecord.objects.create(
        member_id=file.member_id,
        file=file,
        aid_type=aid_type,
        amount=cash,
        goods=goods,
        goods_value=value,
        given_on=given_on,
        funding_source=funding_source,
        campaign=campaign,
        recipient=recipient,
        approved_by=actor,
        over_limit=over,
        over_limit_reason=over_limit_reason if over else "",
        note=note.strip(),
    )
