"""Scheduled patrol work: places not used become no-shows, patrols left open go to review,
positions are dropped after the retention period."""

from django_tasks import task

from gonghui.core.schedule import every


@every(minutes=15)
@task()
def patrol_no_shows() -> int:
    from gonghui.patrol.services.grabs import no_shows_record
    from gonghui.patrol.services.walking import patrols_lapse

    return no_shows_record() + patrols_lapse()


@every(days=1)
@task()
def patrol_positions_drop() -> int:
    from gonghui.patrol.services.walking import positions_drop

    return positions_drop()
