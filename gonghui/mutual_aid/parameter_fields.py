"""Form fields for the engine's parameters, shared by the parameters page and the reform
simulation: Chinese labels and choices, rates typed and shown as percentages ("60", "60%")
while the engine keeps fractions (0.60), every error in Chinese beside its field."""

import contextlib
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _

from gonghui.core.money import fmt_yuan, to_decimal
from gonghui.mutual_aid.rules import CHOICE_LABELS, PARAMETERS, check_value

RATE_NAMES = frozenset(name for name in PARAMETERS if name.endswith("_rate"))
HUNDRED = Decimal(100)


def percent_text(fraction) -> str:
    """0.60 → '60', 0.555 → '55.5'."""
    value = (Decimal(str(fraction)) * HUNDRED).normalize()
    return f"{value:f}"


def fraction_text(percent: Decimal) -> str:
    """60 → '0.60', 55.5 → '0.555': as the engine writes its own values."""
    fraction = (percent / HUNDRED).normalize()
    if fraction.as_tuple().exponent > -2:
        fraction = fraction.quantize(Decimal("0.01"))
    return f"{fraction:f}"


class RateField(forms.CharField):
    """A rate as a percentage: '60', '60%', '60％' or '55.5' → the fraction '0.60'."""

    percent = True

    def clean(self, value):
        text = super().clean(value).strip().rstrip("%％").strip()
        try:
            percent = Decimal(text)
        except InvalidOperation:
            percent = None
        if percent is None or not percent.is_finite() or not 0 <= percent <= HUNDRED:
            raise forms.ValidationError(_("Type a percentage from 0 to 100, such as 60."))
        if percent != percent.quantize(Decimal("0.01")):
            raise forms.ValidationError(_("A percentage has at most two decimals."))
        if 0 < percent < 1:
            # 0.6 is nearly always 60% written as a fraction: ask rather than pay 0.6%.
            raise forms.ValidationError(
                _("Type the rate as a percentage: 60% is written 60 or 60%, not 0.6.")
            )
        return fraction_text(percent)


class ParameterField(forms.CharField):
    """A number, checked by the engine's own bounds; amounts may carry commas or 元."""

    def __init__(self, *, name, **kwargs):
        super().__init__(**kwargs)
        self.parameter = name

    def clean(self, value):
        text = super().clean(value).strip()
        if PARAMETERS[self.parameter].places == 2:
            # '35,000' and '35000元' are amounts too; anything else the engine's check names.
            with contextlib.suppress(ValueError):
                text = str(to_decimal(text))
        try:
            return str(check_value(self.parameter, text))
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


def parameter_field(name: str, value) -> forms.Field:
    """The form field of one parameter, its initial value as staff read it."""
    spec = PARAMETERS[name]
    if spec.kind == "choice":
        field = forms.ChoiceField(
            label=spec.label_zh,
            choices=[(choice, CHOICE_LABELS.get(choice, choice)) for choice in spec.choices],
            initial=value,
        )
    elif name in RATE_NAMES:
        field = RateField(label=f"{spec.label_zh}（%）", max_length=16)
        field.initial = percent_text(value)
        field.widget.attrs["inputmode"] = "decimal"
    else:
        field = ParameterField(name=name, label=spec.label_zh, max_length=32, initial=value)
        field.widget.attrs["inputmode"] = "numeric" if spec.kind == "int" else "decimal"
    return field


def display_value(name: str, value) -> str:
    """A stored value as staff read it: 60%, 四舍五入到元, 35,000."""
    spec = PARAMETERS.get(name)
    if spec is None or value in (None, ""):
        return str(value or "—")
    if spec.kind == "choice":
        return CHOICE_LABELS.get(value, value)
    if name in RATE_NAMES:
        return f"{percent_text(value)}%"
    if spec.places == 2:
        return fmt_yuan(value)
    return str(value)
