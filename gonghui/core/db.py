"""Writing while another process holds SQLite's single write lock.

SQLite lets one writer at a time; a second waits for the driver's busy timeout (20 s) and then
fails with "database is locked". Background work (imports, the task worker, the scheduler)
must not fail for that: it waits and tries again for as long as DB_LOCK_PATIENCE_SECONDS.
With transaction_mode IMMEDIATE the lock is taken by BEGIN, so retrying the BEGIN is enough:
once a transaction has begun, its writes never meet the lock."""

import logging
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction

logger = logging.getLogger(__name__)
RETRY_PAUSE = 0.5


def is_locked(exc: BaseException) -> bool:
    message = exc.args[0] if getattr(exc, "args", None) else ""
    return isinstance(exc, OperationalError) and "is locked" in str(message).lower()


@contextmanager
def write_transaction() -> Iterator[None]:
    """transaction.atomic() that waits for the write lock instead of failing after the busy
    timeout. Inside an outer transaction it is a savepoint, as atomic() is."""
    deadline = time.monotonic() + settings.DB_LOCK_PATIENCE_SECONDS
    with ExitStack() as stack:
        while True:
            try:
                stack.enter_context(transaction.atomic())
                break
            except OperationalError as exc:
                if not is_locked(exc) or time.monotonic() > deadline:
                    raise
                logger.warning("database locked by another writer; waiting to write")
                time.sleep(RETRY_PAUSE)
        yield


def pause_for_other_writers() -> None:
    """Called after each chunk of a long write commits. SQLite hands its lock to nobody in
    particular, and a page waiting for it looks again only every 100 ms or so: a writer that
    began its next chunk at once could keep the page waiting until its busy timeout. A pause
    longer than that interval lets the page in."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        time.sleep(settings.SQLITE_WRITER_PAUSE_MILLISECONDS / 1000)


def patiently(function, *args, **kwargs):
    """Call function (one short write of its own) until it gets the write lock."""
    deadline = time.monotonic() + settings.DB_LOCK_PATIENCE_SECONDS
    while True:
        try:
            return function(*args, **kwargs)
        except OperationalError as exc:
            if not is_locked(exc) or time.monotonic() > deadline:
                raise
            logger.warning("database locked by another writer; waiting to write")
            time.sleep(RETRY_PAUSE)
