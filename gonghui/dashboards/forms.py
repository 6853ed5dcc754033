from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.mutual_aid.rules import PARAMETERS

ROUNDING_LABELS = {
    "yuan_half_up": _("Round half up to the yuan"),
    "fen_half_up": _("Round half up to the fen"),
}


class DraftCreateForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Period to simulate"), queryset=None)
    name = forms.CharField(label=_("Name of the draft"), max_length=128, required=False)

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )


class DraftParametersForm(forms.Form):
    """One field a parameter, labelled as the engine names it; validation is the engine's."""

    def __init__(self, *args, values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, spec in PARAMETERS.items():
            if spec.kind == "choice":
                field = forms.ChoiceField(
                    label=spec.label_zh,
                    choices=[
                        (choice, ROUNDING_LABELS.get(choice, choice)) for choice in spec.choices
                    ],
                )
                field.widget.attrs["class"] = "form-select"
            else:
                field = forms.CharField(label=spec.label_zh, max_length=32)
                field.widget.attrs.update({"class": "form-control", "inputmode": "decimal"})
            field.initial = values.get(name, spec.default)
            self.fields[name] = field


class AdoptForm(forms.Form):
    period = forms.ModelChoiceField(label=_("Adopt for period"), queryset=None)
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].queryset = periods
        self.fields["period"].widget.attrs["class"] = "form-select"
        self.fields["reason"].widget.attrs["class"] = "form-control"
