"""Reading one settlement row: the bureau's words and formats to our values, or a RowError a
clerk can act on. This is the hot path of a province-scale import (a million rows), so the
common cases take fast paths (ISO dates, plain amounts, a well-formed ID number) and fall back
to the shared helpers (core.dates, core.money, core.idnumber) for everything else; the
outcome, and every message, is the shared helpers'.

Rows refused for their content (commands.md): a bad ID number, a missing or impossible date,
an unreadable amount, a negative amount on a 正常 row; also an unknown 结算状态, 医疗类别 or
就医地, an empty serial number, and a 冲销 row that does not name the serial it reverses."""

import datetime
import functools
import hashlib
import hmac
import os
import re
import unicodedata
from base64 import b64encode
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.core import crypto, idnumber
from gonghui.core.dates import parse_date
from gonghui.core.imports import RowError, error_text
from gonghui.core.money import to_decimal
from gonghui.core.validators import validate_name
from gonghui.medinsure.models import FIELD_HEADERS, CancerHint, Category, Place, RecordKind

# Files are written in Chinese; the API also takes our codes.
KIND_WORDS = {
    "正常": RecordKind.NORMAL,
    "冲销": RecordKind.REVERSAL,
    "冲正": RecordKind.REVERSAL,
    **{kind.value: kind for kind in RecordKind},
}
CATEGORY_WORDS = {
    "住院": Category.INPATIENT,
    "门诊慢特病": Category.CHRONIC_OUTPATIENT,
    "门诊特殊病": Category.CHRONIC_OUTPATIENT,
    "门诊慢性病": Category.CHRONIC_OUTPATIENT,
    "普通门诊": Category.OUTPATIENT,
    "门诊": Category.OUTPATIENT,
    "生育": Category.MATERNITY,
    **{category.value: category for category in Category},
}
PLACE_WORDS = {
    "本地": Place.LOCAL,
    "本地就医": Place.LOCAL,
    "异地": Place.ELSEWHERE,
    "异地就医": Place.ELSEWHERE,
    **{place.value: place for place in Place},
}
AMOUNT_FIELDS = (
    "total_cost",
    "fund_paid",
    "personal_paid",
    "self_responsibility",
    "self_care",
    "self_paid",
)
ZERO = Decimal("0.00")
_CENTS = Decimal("0.01")
# What most amount cells look like: taken by Decimal as they are.
_PLAIN_AMOUNT = re.compile(r"-?\d{1,12}(?:\.\d{1,2})?").fullmatch


@dataclass(slots=True)
class SettlementRow:
    """A valid row, ready to be stored: the ID number already encrypted and hashed."""

    number: int | None
    serial: str
    kind: str
    original_serial: str
    id_hash: str
    id_cipher: str
    name: str
    category: str
    hospital: str
    hospital_level: str
    place: str
    admission: datetime.date | None
    discharge: datetime.date
    diagnosis_cipher: str
    cancer_hint: str
    total_cost: Decimal
    fund_paid: Decimal
    personal_paid: Decimal
    self_responsibility: Decimal
    self_care: Decimal
    self_paid: Decimal
    settled_on: datetime.date | None


# --- sealing: encryption and keyed hashes, as core.crypto makes them, faster ---------------


class Sealer:
    """core.crypto's encrypt() and lookup_hash() for many values: the same ciphertext format
    (v1: + base64(nonce || AES-GCM)) and the same HMAC-SHA256, with the HMAC state keyed once
    and random nonces drawn from the OS a thousand at a time."""

    NONCES = 1024

    def __init__(self):
        self._aead, hmac_key = crypto._keys(settings.ENCRYPTION_KEY)
        self._hmac = hmac.new(hmac_key, digestmod=hashlib.sha256)
        self._nonces = b""
        self._at = 0

    def hash(self, value: str) -> str:
        state = self._hmac.copy()
        state.update(value.encode())
        return state.hexdigest()

    def encrypt(self, value: str) -> str:
        if not value:
            return ""
        at = self._at
        if at + 12 > len(self._nonces):
            self._nonces, at = os.urandom(12 * self.NONCES), 0
        nonce = self._nonces[at : at + 12]
        self._at = at + 12
        return (
            crypto.PREFIX
            + b64encode(nonce + self._aead.encrypt(nonce, value.encode(), None)).decode()
        )


# --- ID numbers ----------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _area_accepted(area: str, year: int) -> bool:
    """Whether core.idnumber accepts this area code for people born in this year (the slow
    part of its check, a database lookup); asked once per area and year."""
    body = f"{area}{year:04d}0101001"
    number = body + str((1 - 2 * int(body, 13)) % 11).replace("10", "X")
    try:
        idnumber.parse(number)
    except ValidationError:
        return False
    return True


def clean_id_number(raw) -> str:
    """The normalised number when core.idnumber.parse accepts it; otherwise its own
    ValidationError. Well-formed numbers skip the slow path."""
    text = raw if raw.__class__ is str else str(raw or "")
    number = text.strip().upper()
    if (
        len(number) == 18
        and number[:17].isdigit()
        and number.isascii()
        and number[17] == _check_digit(number)
    ):
        try:
            birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        except ValueError:
            birth = None
        if (
            birth is not None
            and birth <= datetime.date.today()
            and _area_accepted(number[:6], birth.year)
        ):
            return number
    return idnumber.parse(unicodedata.normalize("NFKC", text)).number


def _check_digit(number: str) -> str:
    digit = (1 - 2 * int(number[:17], 13)) % 11
    return "X" if digit == 10 else str(digit)


# --- ICD-10 --------------------------------------------------------------------------------


def cancer_hint(code: str) -> str:
    """C00–C97 malignant; C50–C58 breast and female genital organs; D00–D09 in situ."""
    code = code.strip().upper()
    if len(code) < 3 or not code[1:3].isdigit():
        return CancerHint.NONE
    letter, number = code[0], int(code[1:3])
    if letter == "C" and number <= 97:
        return CancerHint.FEMALE_MALIGNANT if 50 <= number <= 58 else CancerHint.MALIGNANT
    if letter == "D" and number <= 9:
        return CancerHint.IN_SITU
    return CancerHint.NONE


# --- the row -------------------------------------------------------------------------------


class RowReader:
    """Reads rows whose cells come in a known order (a file's header through the federation's
    column mapping, or the API's field names)."""

    def __init__(self, positions: dict[str, int], headers: dict[str, str] | None = None):
        """positions: field → index of its cell (fields not given are empty); headers:
        field → the column's name in the file, for messages."""
        self.positions = positions
        self.headers = {**FIELD_HEADERS, **(headers or {})}
        self.sealer = Sealer()
        self._present = [(name, index) for name, index in positions.items() if index is not None]
        self._width = max((index for _name, index in self._present), default=-1) + 1

    def read(self, number: int | None, cells) -> SettlementRow:
        if len(cells) < self._width:  # a short row: the missing cells are empty
            cells = list(cells) + [None] * (self._width - len(cells))
        values = {
            name: value.strip() if (value := cells[index]).__class__ is str else value
            for name, index in self._present
        }
        return self.read_values(number, values)

    def read_values(self, number: int | None, values: dict) -> SettlementRow:
        text = self._text
        serial = text(values, "serial")
        if not serial:
            raise RowError(
                _("The settlement serial number (%(column)s) is empty.") % self._col("serial")
            )
        if len(serial) > 64:
            raise RowError(_("The settlement serial number is longer than 64 characters."))
        kind = self._word(values, "status", KIND_WORDS, "正常、冲销")
        original = text(values, "original_serial")
        if kind == RecordKind.REVERSAL:
            if not original:
                raise RowError(
                    _("A reversal (冲销) must name the serial number it reverses in %(column)s.")
                    % self._col("original_serial")
                )
            if original == serial:
                raise RowError(_("A reversal cannot reverse itself."))
        else:
            original = ""
        try:
            number_text = clean_id_number(values.get("id_number"))
        except ValidationError as exc:
            raise RowError(f"{self.headers['id_number']}：{error_text(exc)}") from exc
        category = self._word(
            values, "category", CATEGORY_WORDS, "住院、门诊慢特病、普通门诊、生育"
        )
        place = self._word(values, "place", PLACE_WORDS, "本地、异地")
        discharge = self._date(values, "discharge", required=True)
        admission = self._date(values, "admission", required=category == Category.INPATIENT)
        if admission is not None and discharge < admission:
            raise RowError(
                _("The discharge date %(discharge)s is before the admission date %(admission)s.")
                % {"discharge": discharge, "admission": admission}
            )
        settled_on = self._date(values, "settled_on", required=False)
        negative_allowed = kind == RecordKind.REVERSAL
        amounts = [
            self._amount(
                values,
                field,
                negative_allowed,
                required=field == "total_cost"
                or (field == "self_responsibility" and category == Category.INPATIENT),
            )
            for field in AMOUNT_FIELDS
        ]
        code = text(values, "diagnosis_code").upper()
        diagnosis_name = text(values, "diagnosis_name")
        try:
            name = validate_name(text(values, "name"))
        except ValidationError as exc:
            raise RowError(error_text(exc)) from exc
        sealer = self.sealer
        return SettlementRow(
            number,
            serial,
            kind,
            original,
            sealer.hash(number_text),
            sealer.encrypt(number_text),
            name[:64],
            category,
            text(values, "hospital")[:128],
            text(values, "hospital_level")[:16],
            place,
            admission,
            discharge,
            sealer.encrypt(f"{code}\t{diagnosis_name}") if code or diagnosis_name else "",
            cancer_hint(code) if code else CancerHint.NONE,
            *amounts,
            settled_on,
        )

    # -- cells --

    def _col(self, field: str) -> dict:
        return {"column": self.headers[field]}

    @staticmethod
    def _text(values: dict, field: str) -> str:
        value = values.get(field)
        if value is None:
            return ""
        if value.__class__ is str:
            return value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()

    def _word(self, values: dict, field: str, words: dict, choices: str) -> str:
        value = self._text(values, field)
        found = words.get(value)
        if found is None:
            found = words.get(value.lower())
        if found is None:
            raise RowError(
                _("%(column)s is “%(value)s”; it must be one of %(choices)s.")
                % {"column": self.headers[field], "value": value, "choices": choices}
            )
        return found

    def _date(self, values: dict, field: str, *, required: bool) -> datetime.date | None:
        value = values.get(field)
        if value is None or value == "":
            if required:
                raise RowError(_("%(column)s is empty.") % self._col(field))
            return None
        if value.__class__ is str and len(value) == 10 and value[4] == "-":
            try:
                return datetime.date.fromisoformat(value)
            except ValueError:
                pass
        try:
            return parse_date(value)
        except (ValueError, OverflowError) as exc:
            raise RowError(
                _("%(column)s “%(value)s” is not a possible date.")
                % {"column": self.headers[field], "value": value}
            ) from exc

    def _amount(
        self, values: dict, field: str, negative_allowed: bool, *, required: bool
    ) -> Decimal:
        value = values.get(field)
        if value is None or value == "":
            if required:
                raise RowError(_("%(column)s is empty.") % self._col(field))
            return ZERO
        if value.__class__ is str and _PLAIN_AMOUNT(value):
            if value[0] == "-" and not negative_allowed and value.strip("-0.") != "":
                raise RowError(
                    _(
                        "%(column)s is negative (%(value)s) on a 正常 row; only a reversal (冲销) "
                        "carries negative amounts."
                    )
                    % {"column": self.headers[field], "value": value}
                )
            return Decimal(value)
        try:
            if value.__class__ is str:
                try:
                    amount = Decimal(value)
                except InvalidOperation:
                    amount = to_decimal(value)
            elif isinstance(value, float):
                amount = Decimal(repr(value))
            elif isinstance(value, bool):
                raise ValueError
            else:
                amount = to_decimal(value)
            if not amount.is_finite():
                raise ValueError
        except (ValueError, TypeError) as exc:
            raise RowError(
                _("%(column)s “%(value)s” is not an amount.")
                % {"column": self.headers[field], "value": value}
            ) from exc
        if amount.as_tuple().exponent < -2:
            if amount != amount.quantize(_CENTS):
                raise RowError(
                    _("%(column)s “%(value)s” has more than two decimals.")
                    % {"column": self.headers[field], "value": value}
                )
            amount = amount.quantize(_CENTS)
        if amount < 0 and not negative_allowed:
            raise RowError(
                _(
                    "%(column)s is negative (%(value)s) on a 正常 row; only a reversal (冲销) carries negative amounts."
                )
                % {"column": self.headers[field], "value": value}
            )
        return amount
