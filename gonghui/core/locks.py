"""Named locks held until the end of the current transaction, for rules that count rows
("at most N in a window") and must hold across processes."""

import hashlib

from django.db import connection


def hold_until_commit(*names: str) -> None:
    """Wait until no other transaction holds any of these names, then hold them until this
    one ends. Take names in the same order everywhere. PostgreSQL: advisory transaction
    locks. SQLite needs nothing: its IMMEDIATE transactions already run one writer at a time."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name in names:
            digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s)", [int.from_bytes(digest, "big", signed=True)]
            )
