"""What every import shares: a report of refused rows and a summary, all-or-nothing."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from gonghui.core.exports import csv_text


class RowError(Exception):
    """A row refused for its content; the message is for a union clerk."""


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(message) for message in exc.messages)
    return str(exc)


@dataclass
class ImportReport:
    summary: dict = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    file_error: str = ""
    applied: bool = False

    def refuse(self, row_number: int, message: str) -> None:
        self.errors.append((row_number, message))

    @property
    def refused(self) -> bool:
        return bool(self.file_error) or not self.applied

    def errors_csv(self) -> str:
        """The downloadable error report (UTF-8 with BOM so Excel opens it in Chinese)."""
        lines = [("", self.file_error)] if self.file_error else []
        return csv_text(["行号", "原因"], lines + self.errors)
