"""What phones received in tests (settings: the locmem SMS backend), where a sign-in code is
read now that the outbox keeps it masked."""

import re

from gonghui.notify.backends import LocmemBackend


def last_code(mobile: str) -> str:
    texts = [text for to, text in LocmemBackend.sent if to == mobile]
    assert texts, f"no SMS went to {mobile}"
    return re.search(r"\d{6}", texts[-1]).group()
