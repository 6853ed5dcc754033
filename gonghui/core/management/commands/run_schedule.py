import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from gonghui.core import schedule

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "The scheduler: every few seconds, enqueue the scheduled jobs that are due (see "
        "gonghui/core/schedule.py) for the task worker to run. Several may run at once: each "
        "job still runs once a period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="enqueue what is due, then exit")

    def handle(self, *args, once=False, **options):
        entries = schedule.load()
        if options["verbosity"] > 0:
            for name, entry in sorted(entries.items()):
                self.stdout.write(f"{name}: every {entry.every}")
        while True:
            for name in schedule.run_due():
                logger.info("enqueued %s", name)
                if options["verbosity"] > 1:
                    self.stdout.write(f"enqueued {name}")
            if once:
                return
            time.sleep(settings.SCHEDULE_TICK_SECONDS)
