"""The words of the claim SMS: defaults, the placeholders a template may use, and rendering.
Staff edit the texts (SmsTemplate); sending goes through notify.services.sms_send."""

import string

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.claims.models import SmsKind

PLACEHOLDERS = {
    "name": gettext_lazy("the member's name"),
    "reference": gettext_lazy("the claim number, e.g. BX000123"),
    "amount": gettext_lazy("the amount in yuan"),
    "materials": gettext_lazy("the materials asked for"),
    "note": gettext_lazy("the reviewer's note"),
    "reason": gettext_lazy("the reason for the rejection"),
    "card": gettext_lazy("the last four digits of the bank card"),
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


def check_template(text: str) -> str:
    """The text as it will be stored, or a ValidationError naming what is wrong."""
    text = text.strip()
    if not text:
        raise ValidationError(_("The text is empty."))
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            _("An SMS template can be at most %(n)d characters.") % {"n": MAX_LENGTH}
        )
    try:
        fields = [
            (name, spec or conv)
            for _literal, name, spec, conv in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError as exc:
        raise ValidationError(_("Braces must enclose a placeholder, such as {name}.")) from exc
    unknown = sorted({name for name, _extra in fields if name not in PLACEHOLDERS})
    if unknown or any(extra for _name, extra in fields):
        raise ValidationError(
            _("Unknown placeholder %(names)s. You can use: %(allowed)s.")
            % {
                "names": "、".join("{" + name + "}" for name in unknown) or "{…}",
                "allowed": "、".join("{" + name + "}" for name in PLACEHOLDERS),
            }
        )
    return text


def render(text: str, **values) -> str:
    """Fill the placeholders; one the template leaves out is simply not used."""
    filled = {name: str(values.get(name, "")) for name in PLACEHOLDERS}
    return " ".join(text.format_map(filled).split())
