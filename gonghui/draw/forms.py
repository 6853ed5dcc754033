"""The staff page's forms: each one feeds one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gonghui.draw import engine


class DrawCreateForm(forms.Form):
    org = forms.ModelChoiceField(label=_("Organisation"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=128)
    purpose = forms.CharField(
        label=_("What is drawn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    prizes = forms.CharField(
        label=_("Prizes"),
        required=False,
        help_text=_(
            "name:count, separated by commas, in the order they are filled, e.g. 一等奖:2,二等奖:5. Empty: the draw only orders the entrants."
        ),
    )

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if field is self.fields["org"] else "form-control"
            )

    def clean_prizes(self):
        text = self.cleaned_data["prizes"].strip().replace("，", ",").replace("：", ":")
        try:
            return engine.parse_prizes(text or None)
        except engine.PrizeSpecError as error:
            raise forms.ValidationError(str(error)) from None


def _control(field, rows=None):
    field.widget.attrs["class"] = "form-control"
    if rows:
        field.widget.attrs["rows"] = rows
    return field


class AnnounceForm(forms.Form):
    text = _control(
        forms.CharField(
            label=_("Seed source announcement"),
            widget=forms.Textarea,
            help_text=_(
                "A public value nobody can know in advance, e.g. the closing value of the Shanghai Composite Index (上证指数) on 2026-12-18, as published, written with two decimals."
            ),
        ),
        rows=2,
    )


class PasteForm(forms.Form):
    entrants = _control(
        forms.CharField(
            label=_("Entrants, one per line as name,mobile, in entry order"),
            widget=forms.Textarea,
        ),
        rows=6,
    )


class SeedForm(forms.Form):
    seed = _control(forms.CharField(label=_("Seed (the published value)"), max_length=200))


class CancelForm(forms.Form):
    reason = _control(forms.CharField(label=_("Reason"), widget=forms.Textarea), rows=2)
