"""Background work of the link (django-tasks): telling members about new notices after an
import, the daily reminders, and sweeping abandoned upload previews."""

from django_tasks import task

from gonghui.core.schedule import every
from gonghui.medinsure import previews, services


@task()
def notify_benefit_notices(batch_id: int) -> int:
    """One SMS per new pending notice of an import (after its transaction committed)."""
    return services.benefit_notices_notify(batch_id=batch_id)


@task()
def remind_benefit_notices(days: int) -> int:
    return services.benefit_notices_remind(days=days)


@every(hours=1)
@task()
def sweep_upload_previews() -> int:
    """Settlement files uploaded for a preview whose import was never confirmed."""
    return previews.previews_sweep()
