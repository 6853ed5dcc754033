"""SMS delivery backends. Real gateways (Aliyun, Tencent Cloud) will implement `deliver`
behind the same interface; the outbox row exists before any of them is called."""

import abc
import sys


class SmsBackend(abc.ABC):
    name = "base"

    @abc.abstractmethod
    def deliver(self, message) -> None:
        """Send one outbox row; raise on failure."""


class ConsoleBackend(SmsBackend):
    """Prints each SMS: the embedded default, for a demo without a gateway."""

    name = "console"

    def deliver(self, message) -> None:
        sys.stdout.write(f"[短信] {message.mobile}: {message.body}\n")


class OutboxOnlyBackend(SmsBackend):
    """Keeps the SMS in the outbox only (tests, and sites that send from the outbox)."""

    name = "outbox"

    def deliver(self, message) -> None:
        return None
