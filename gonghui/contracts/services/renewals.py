"""The 60-day renewal reminder: an SMS to the union chair, sent by the scheduler once per
contract (a unique row written before the SMS, in the same transaction)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gonghui.contracts.models import REMINDER_DAYS, Contract, RenewalReminder, Status
from gonghui.notify.services import sms_send

# The outbox's label of this SMS kind (gonghui.notify.kinds names it; translated here).
KIND_LABEL = pgettext_lazy("SMS kind", "Collective contract renewal")


def reminders_due(today: datetime.date):
    return Contract.objects.filter(
        status=Status.EFFECTIVE,
        ends_on__gte=today,
        ends_on__lte=today + datetime.timedelta(days=REMINDER_DAYS),
        renewal__isnull=True,
    ).exclude(reminders__days_before=REMINDER_DAYS)


def reminder_send(contract: Contract, today: datetime.date) -> bool:
    """True when this call sent it; False when it was sent before (never twice)."""
    try:
        with transaction.atomic():
            RenewalReminder.objects.create(
                contract=contract, days_before=REMINDER_DAYS, mobile=contract.union_chair_mobile
            )
            if contract.union_chair_mobile:
                text = _(
                    "The collective contract “%(title)s” ends on %(end)s (in %(days)s days). "
                    "Please start bargaining for its renewal."
                ) % {
                    "title": contract.title,
                    "end": contract.ends_on.strftime("%Y-%m-%d"),
                    "days": (contract.ends_on - today).days,
                }
                sms_send(mobile=contract.union_chair_mobile, text=text, kind="contract_renewal")
    except IntegrityError:
        return False
    return True


def reminders_send(today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return sum(reminder_send(contract, today) for contract in reminders_due(today))
