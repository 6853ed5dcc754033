"""Background work of the link (django-tasks): telling members about new notices after an
import, and the daily reminders."""

from django_tasks import task

from gonghui.medinsure import services


@task()
def notify_benefit_notices(batch_id: int) -> int:
    """One SMS per new pending notice of an import (after its transaction committed)."""
    return services.benefit_notices_notify(batch_id=batch_id)


@task()
def remind_benefit_notices(days: int) -> int:
    return services.benefit_notices_remind(days=days)
