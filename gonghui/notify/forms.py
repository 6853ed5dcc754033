from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.notify.kinds import KIND_CHOICES


class OutboxFilterForm(forms.Form):
    """A mobile number is not an ID number: it may travel in the URL (GET)."""

    mobile = forms.RegexField(
        label=_("Mobile number"),
        regex=r"^\d{4,11}$",
        required=False,
        error_messages={
            "invalid": _("Type the whole mobile number or at least its last 4 digits.")
        },
        widget=forms.TextInput(
            attrs={
                "class": "form-control",
                "inputmode": "numeric",
                "placeholder": _("Whole number or last 4 digits"),
            }
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", pgettext_lazy("outbox search", "All kinds"))] + KIND_CHOICES,
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean_mobile(self):
        return self.cleaned_data["mobile"].strip()
