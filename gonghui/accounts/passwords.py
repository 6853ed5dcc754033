"""Password rules on top of Django's validators (settings.AUTH_PASSWORD_VALIDATORS)."""

import datetime
import re
from pathlib import Path

from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MOBILE = re.compile(r"1[3-9]\d{9}")
# 20261205, 2026-12-05, 2026/12/5, 2026.12.05
DATE = re.compile(r"((?:19|20)\d\d)([-/.]?)(\d{1,2})\2(\d{1,2})")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with a message our catalogue translates: Django 5.2 changed its wording and
    its own Chinese catalogue has not caught up (the clerk saw English)."""

    def get_error_message(self):
        return ngettext(
            "The password is too short: it needs at least %(min_length)d character.",
            "The password is too short: it needs at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class ChineseCommonPasswordValidator(CommonPasswordValidator):
    """Django's list is English: this one holds pinyin names and words, number games
    (5201314, 888888) and this system's own words (gonghui, union, the demo password) with
    the endings people add. Compared in lower case, whole password."""

    DEFAULT_PASSWORD_LIST_PATH = Path(__file__).resolve().parent / "common_passwords_zh.txt"

    def get_help_text(self):
        return _("Nor one common in China, such as woaini1314 or a surname and 123456.")


def _contains_date(password: str) -> bool:
    for match in DATE.finditer(password):
        year, _sep, month, day = match.groups()
        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError:
            continue
        return True
    return False


class NoDateOrMobileValidator:
    """A date (a birthday, which the ID number also holds) or a mobile number is the first
    thing an attacker tries."""

    def validate(self, password, user=None):
        digits = re.sub(r"[\s-]", "", password)
        if MOBILE.search(digits):
            raise ValidationError(
                _("The password must not contain a mobile number."), code="password_has_mobile"
            )
        if _contains_date(password):
            raise ValidationError(
                _("The password must not contain a date (such as a birthday, 19800615)."),
                code="password_has_date",
            )

    def get_help_text(self):
        return _("Your password must not contain a date or a mobile number.")
