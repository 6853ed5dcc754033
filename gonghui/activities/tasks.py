"""Scheduled work of activities: offers and vouchers that ran out move on by themselves."""

from django_tasks import task

from gonghui.activities.services import lotteries, registrations
from gonghui.core.schedule import every


@every(minutes=5)
@task()
def expire_offers() -> int:
    """Offers not confirmed in time pass to the next on the waiting list (SMS each step)."""
    return registrations.offers_expire()


@every(hours=1)
@task()
def expire_vouchers() -> int:
    """Prize vouchers not redeemed in their validity pass to the lottery's waiting list."""
    return lotteries.vouchers_expire()
