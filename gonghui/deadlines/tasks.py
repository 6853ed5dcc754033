"""The scheduled escalation of late deadlines."""

from django_tasks import task

from gonghui.core.schedule import every
from gonghui.deadlines.services import deadlines_escalate


@every(minutes=15)
@task()
def escalate_late_deadlines() -> int:
    """Every quarter hour: late deadlines raised up their ladders, each level once."""
    return deadlines_escalate()
