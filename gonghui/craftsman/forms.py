"""Forms of the craftsman pages; the writes themselves are in services."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.craftsman.models import Title

EVIDENCE_ROWS = 5


class ApplyForm(forms.Form):
    service_years = forms.DecimalField(
        label=_("Years worked in the federation's enterprises"),
        min_value=0,
        max_digits=4,
        decimal_places=1,
    )
    consent_notice = forms.BooleanField(
        label=_("I agree that my name, enterprise and score are published on the public notice"),
        required=False,
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose a scoring item"))] + list(items)
        for n in range(1, EVIDENCE_ROWS + 1):
            self.fields[f"item_{n}"] = forms.ChoiceField(
                label=pgettext_lazy("craftsman", "Item"), choices=choices, required=False
            )
            self.fields[f"date_{n}"] = forms.DateField(
                label=pgettext_lazy("craftsman", "Date"),
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"ref_{n}"] = forms.CharField(
                label=_("Certificate number"), max_length=64, required=False
            )
            self.fields[f"quantity_{n}"] = forms.IntegerField(
                label=_("Quantity"), min_value=1, required=False
            )
            self.fields[f"upload_{n}"] = forms.FileField(label=_("Photo or PDF"), required=False)

    def rows(self):
        for n in range(1, EVIDENCE_ROWS + 1):
            yield n, [self[f"{name}_{n}"] for name in ("item", "date", "ref", "quantity", "upload")]

    def lines(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "item": data[f"item_{n}"],
                "date": data[f"date_{n}"],
                "ref": data[f"ref_{n}"],
                "quantity": data[f"quantity_{n}"] or 1,
                "upload": data.get(f"upload_{n}"),
            }
            for n in range(1, EVIDENCE_ROWS + 1)
            if data.get(f"item_{n}")
        ]


class SchemeForm(forms.Form):
    year = forms.IntegerField(
        label=pgettext_lazy("craftsman", "Year"), min_value=2000, max_value=2100
    )
    title = forms.ChoiceField(label=pgettext_lazy("craftsman", "Title"), choices=Title.choices)
    name = forms.CharField(label=pgettext_lazy("craftsman", "Name"), max_length=128)
    quota = forms.IntegerField(label=_("Quota"), min_value=1)


class RulesForm(forms.Form):
    rules = forms.CharField(
        label=_("Points rules (YAML)"), widget=forms.Textarea(attrs={"rows": 24})
    )
    reason = forms.CharField(label=_("Reason for a new version"), max_length=255, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=pgettext_lazy("craftsman", "Reason"), max_length=500)


class AdjustForm(forms.Form):
    adjustment = forms.DecimalField(label=_("Adjustment (points)"), max_digits=4, decimal_places=1)
    reason = forms.CharField(label=pgettext_lazy("craftsman", "Reason"), max_length=255)
