"""The scheduled lapse of titles whose validity has passed."""

from django_tasks import task

from gonghui.core.schedule import every
from gonghui.ratings.services import lapse_expired


@every(days=1)
@task()
def lapse_expired_titles() -> int:
    """Every day: titles past their last valid day, not renewed, lapse."""
    return lapse_expired()
