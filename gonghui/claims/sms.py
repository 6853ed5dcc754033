"""The words of the claim SMS: defaults, the placeholders a template may use, and rendering.
Staff edit the texts (SmsTemplate) with the placeholders' Chinese names ({姓名}); the stored
text keeps their codes ({name}), which the API uses too. Sending goes through
notify.services.sms_send, which adds the carrier signature."""

import re
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from gonghui.claims.models import MaterialKind, SmsKind
from gonghui.notify.services import signed

PLACEHOLDERS = {
    "name": gettext_lazy("the member's name"),
    "reference": gettext_lazy("the claim number, e.g. BX000123"),
    "amount": gettext_lazy("the amount in yuan"),
    "materials": gettext_lazy("the materials asked for"),
    "note": gettext_lazy("the reviewer's note"),
    "reason": gettext_lazy("the reason for the rejection"),
    "card": gettext_lazy("the last four digits of the bank card"),
}
# What staff type between the braces.
PLACEHOLDER_NAMES = {
    "name": pgettext_lazy("SMS placeholder", "name"),
    "reference": pgettext_lazy("SMS placeholder", "claim number"),
    "amount": pgettext_lazy("SMS placeholder", "amount"),
    "materials": pgettext_lazy("SMS placeholder", "materials"),
    "note": pgettext_lazy("SMS placeholder", "note"),
    "reason": pgettext_lazy("SMS placeholder", "reason"),
    "card": pgettext_lazy("SMS placeholder", "card ending"),
}
# The sample a preview fills in: Mr. Cheng of seed 000.
SAMPLES = {
    "name": "程先生",
    "reference": "BX000123",
    "amount": "9,961",
    "materials": MaterialKind.PATHOLOGY_REPORT.label,
    "note": gettext_lazy("Please photograph the whole page."),
    "reason": gettext_lazy("The claim was filed after the period's deadline."),
    "card": "9552",
}
DEFAULT_TEXTS = {
    SmsKind.SUBMITTED: gettext_lazy(
        "{name}, your mutual-aid claim {reference} has been received and is being reviewed. "
        "You can follow it on your phone."
    ),
    SmsKind.RETURNED: gettext_lazy(
        "{name}, your claim {reference} needs more material: {materials}. {note} "
        "Please add it on your phone."
    ),
    SmsKind.APPROVED: gettext_lazy(
        "{name}, your claim {reference} has been approved: {amount} yuan. "
        "It will reach your bank card in one to two days."
    ),
    SmsKind.REJECTED: gettext_lazy(
        "{name}, your claim {reference} could not be approved: {reason}"
    ),
    SmsKind.PAID: gettext_lazy(
        "{name}, {amount} yuan for your claim {reference} has been paid into your bank card "
        "ending {card}."
    ),
}
MAX_LENGTH = 300


def for_staff(text: str) -> str:
    """{name} → {姓名}: the text as staff read and edit it."""
    for code, name in PLACEHOLDER_NAMES.items():
        text = text.replace("{" + code + "}", "{" + str(name) + "}")
    return text


def from_staff(text: str) -> str:
    """{姓名} → {name}: the text as it is stored (codes typed directly are kept)."""
    for code, name in PLACEHOLDER_NAMES.items():
        text = text.replace("{" + str(name) + "}", "{" + code + "}")
    return text


def check_template(text: str) -> str:
    """The text as it will be stored (placeholder codes, no signature), or a
    ValidationError naming what is wrong."""
    text = from_staff(text.strip())
    signature = f"【{settings.SMS_SIGNATURE}】"
    text = text.removeprefix(signature).strip()
    if not text:
        raise ValidationError(_("The text is empty."))
    if re.match(r"^[【\[]", text):
        raise ValidationError(
            _(
                "The signature %(signature)s is added at the head of every SMS by the system; do not write a signature in the text."
            )
            % {"signature": signature}
        )
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("An SMS template can be at most %(n)d characters.") % {"n": MAX_LENGTH}
        )
    allowed = "、".join("{" + str(name) + "}" for name in PLACEHOLDER_NAMES.values())
    try:
        fields = [
            (name, spec or conv)
            for _literal, name, spec, conv in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError as exc:
        raise ValidationError(
            _("Braces must enclose a placeholder. You can use: %(allowed)s.") % {"allowed": allowed}
        ) from exc
    unknown = sorted({name for name, _extra in fields if name not in PLACEHOLDERS})
    if unknown or any(extra for _name, extra in fields):
        raise ValidationError(
            _("Unknown placeholder %(names)s. You can use: %(allowed)s.")
            % {
                "names": "、".join("{" + name + "}" for name in unknown) or "{…}",
                "allowed": allowed,
            }
        )
    return text


def preview(text: str) -> str:
    """What a member's phone shows: the sample filled in, signed."""
    return signed(render(text, **{name: str(value) for name, value in SAMPLES.items()}))


def render(text: str, **values) -> str:
    """Fill the placeholders; one the template leaves out is simply not used."""
    filled = {name: str(values.get(name, "")) for name in PLACEHOLDERS}
    return " ".join(text.format_map(filled).split())
