"""Checks shared by forms, the API and imports."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gonghui.core.exports import looks_like_formula


def validate_name(name: str) -> str:
    """A person's or an organisation's name as stored, stripped. Chinese names never start
    with =, +, - or @: such a "name" is an attempt to plant a formula in the spreadsheets the
    platform exports (which write it as text anyway)."""
    name = (name or "").strip()
    if looks_like_formula(name):
        raise ValidationError(
            _("A name cannot start with =, +, - or @ (a spreadsheet would read it as a formula)."),
            code="name_formula",
        )
    return name
