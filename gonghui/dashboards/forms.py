from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.mutual_aid.parameter_fields import parameter_field
from gonghui.mutual_aid.rules import PARAMETERS


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
    """One field a parameter, as on the period's parameters page (rates in percent)."""

    def __init__(self, *args, values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, spec in PARAMETERS.items():
            field = parameter_field(name, values.get(name, spec.default))
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )
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
