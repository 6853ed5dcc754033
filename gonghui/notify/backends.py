"""SMS delivery backends. Real gateways (Aliyun, Tencent Cloud) will implement `deliver`
behind the same interface; the outbox row exists before any of them is called.

`deliver` gets the outbox row and the text the phone must receive: they differ when the text
carries a secret (a sign-in code), which the row keeps masked."""

import abc
import os
import re
import sys
import tempfile
from pathlib import Path

from django.conf import settings

MOBILE_FILE_NAME = re.compile(r"^\d{5,20}$")


class SmsBackend(abc.ABC):
    name = "base"

    @abc.abstractmethod
    def deliver(self, message, *, text: str, secret: str = "") -> None:
        """Send one outbox row with its real text; raise on failure."""


class ConsoleBackend(SmsBackend):
    """Prints each SMS (the server's console is the demo operator's log) and keeps the last
    secret per number in a private file, for `demo_sms_code`: the embedded default, for a
    demo without a gateway."""

    name = "console"

    def deliver(self, message, *, text: str, secret: str = "") -> None:
        sys.stdout.write(f"[短信] {message.mobile}: {text}\n")
        if secret:
            remember_secret(message.mobile, secret)


class OutboxOnlyBackend(SmsBackend):
    """Keeps the SMS in the outbox only (sites that send from the outbox)."""

    name = "outbox"

    def deliver(self, message, *, text: str, secret: str = "") -> None:
        return None


class LocmemBackend(SmsBackend):
    """Keeps what each phone would receive in memory, like Django's locmem e-mail backend:
    tests read sign-in codes from `LocmemBackend.sent`."""

    name = "locmem"
    sent: list[tuple[str, str]] = []

    def deliver(self, message, *, text: str, secret: str = "") -> None:
        LocmemBackend.sent.append((message.mobile, text))


def _secret_path(mobile: str) -> Path:
    if not MOBILE_FILE_NAME.match(mobile):
        raise ValueError(f"not a mobile number: {mobile!r}")
    return Path(settings.SMS_CONSOLE_SECRETS_DIR) / mobile


def remember_secret(mobile: str, secret: str) -> None:
    """Written 0600 in a 0700 folder under the data directory, which the web server never
    serves (static and media files live in their own folders)."""
    path = _secret_path(mobile)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    fd, temporary = tempfile.mkstemp(dir=path.parent)  # mkstemp creates it 0600
    with os.fdopen(fd, "w") as handle:
        handle.write(secret)
    os.replace(temporary, path)


def recall_secret(mobile: str) -> str:
    try:
        return _secret_path(mobile).read_text().strip()
    except (FileNotFoundError, ValueError):
        return ""
