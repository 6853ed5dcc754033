"""Scheduled work of collective contracts: the filing clock and the renewal reminders."""

from django_tasks import task

from gonghui.contracts.services import register, renewals
from gonghui.core.schedule import every


@every(hours=1)
@task()
def contracts_take_effect() -> int:
    """Filed contracts without objection become effective 15 days after filing."""
    return register.contracts_take_effect()


@every(hours=1)
@task()
def renewal_reminders() -> int:
    """The 60-day SMS to the union chair of a contract about to end, never twice."""
    return renewals.reminders_send()
