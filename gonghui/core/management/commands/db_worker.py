import logging
import time

from django.db import OperationalError, close_old_connections
from django_tasks_db.management.commands import db_worker

from gonghui.core.db import is_locked
from gonghui.core.jobs import import_jobs_resume_stale

logger = logging.getLogger(__name__)


class PatientWorker(db_worker.Worker):
    """django-tasks-db's worker exits when it cannot lock the queue within SQLite's busy
    timeout (another process writing for longer); this one waits and tries again."""

    def run(self) -> None:
        while True:
            try:
                return super().run()
            except OperationalError as exc:
                if not is_locked(exc):
                    raise
                logger.warning("database locked by another writer; the worker waits")
                close_old_connections()
                time.sleep(max(self.interval, 1))


class Command(db_worker.Command):
    help = (
        "Run the database task worker; it waits out a database locked by another writer, and "
        "first hands over the imports whose worker died."
    )

    def handle(self, *args, **options):
        import_jobs_resume_stale()
        # The parent builds its Worker by this module-level name: ours for the call.
        original, db_worker.Worker = db_worker.Worker, PatientWorker
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original
