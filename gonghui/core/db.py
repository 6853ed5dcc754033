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
from django.db import OperationalError, transaction

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
