"""What every import shares: a report of refused rows and a summary, all-or-nothing."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from gonghui.core import idnumber
from gonghui.core.exports import csv_text

# ID numbers (15 or 18 characters) and bank cards (12 to 19 digits) quoted in a message.
_LONG_NUMBER = re.compile(r"(?<![0-9A-Za-z])[0-9]{11,18}[0-9Xx](?![0-9A-Za-z])")


class RowError(Exception):
    """A row refused for its content; the message is for a union clerk."""


def error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(str(message) for message in exc.messages)
    return str(exc)


def mask_numbers(text: str) -> str:
    """A message as it may be stored or shown to staff: an ID number or a bank card quoted in
    it is masked as everywhere else (331004********0235)."""
    return _LONG_NUMBER.sub(lambda match: idnumber.mask(match.group()), text)


@dataclass
class ImportReport:
    summary: dict = field(default_factory=dict)
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    file_error: str = ""
    applied: bool = False
    # Writing stopped half-way (file_error says which rows were written).
    failed: bool = False
    # The errors and warnings were already stored with the job when the file was checked.
    recorded: bool = False

    def refuse(self, row_number: int, message: str) -> None:
        self.errors.append((row_number, message))

    @property
    def refused(self) -> bool:
        return bool(self.file_error) or not self.applied

    def errors_csv(self) -> str:
        """The downloadable error report (UTF-8 with BOM so Excel opens it in Chinese), with
        ID numbers masked."""
        lines = [("", self.file_error)] if self.file_error else []
        return csv_text(
            ["行号", "原因"],
            [(number, mask_numbers(message)) for number, message in lines + self.errors],
        )
