"""Chinese resident ID numbers (居民身份证号码): normalise, validate, derive, mask."""

import datetime
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_exceptions
from stdnum import numdb
from stdnum.cn import ric


@dataclass(frozen=True)
class IdNumber:
    number: str
    birth_date: datetime.date
    gender: str  # "male" | "female"


def normalize(raw: str) -> str:
    """Full-width digits, spaces and a lower-case x are what real files carry."""
    text = unicodedata.normalize("NFKC", str(raw or "")).strip().replace(" ", "")
    return text.upper()


def parse(raw: str) -> IdNumber:
    number = normalize(raw)
    if not number:
        raise ValidationError(_("The ID number is empty."), code="id_empty")
    if len(number) != 18:
        raise ValidationError(
            _("The ID number must have 18 characters; this one has %(n)d.") % {"n": len(number)},
            code="id_length",
        )
    try:
        _validate(number)
    except stdnum_exceptions.InvalidChecksum as exc:
        raise ValidationError(
            _("The ID number's check digit is wrong; please check it."), code="id_checksum"
        ) from exc
    except stdnum_exceptions.InvalidComponent as exc:
        raise ValidationError(
            _("The birth date or area code in the ID number is impossible."), code="id_component"
        ) from exc
    except stdnum_exceptions.ValidationError as exc:
        raise ValidationError(_("The ID number is not valid."), code="id_invalid") from exc
    gender = "male" if int(number[16]) % 2 == 1 else "female"
    return IdNumber(number=number, birth_date=ric.get_birth_date(number), gender=gender)


def _validate(number: str) -> None:
    """stdnum's check, except that an area code is accepted whatever the birth year: a code
    is assigned where the number was issued, which for older workers is after their birth
    (路桥区, 331004, exists since 1994 and carries people born in the 1960s)."""
    try:
        ric.validate(number)
    except stdnum_exceptions.InvalidComponent:
        birth = ric.get_birth_date(number)
        if birth > datetime.date.today() or birth.year < 1900:
            raise
        if not numdb.get("cn/loc").info(number[:6])[0][1]:
            raise


def mask(number: str) -> str:
    """331004********0235: area code and the last four stay, the birth date is hidden."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_card(card: str) -> str:
    if not card:
        return ""
    digits = card.replace(" ", "")
    if len(digits) <= 8:
        return "*" * len(digits)
    return digits[:4] + "*" * (len(digits) - 8) + digits[-4:]
