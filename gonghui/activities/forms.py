from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.activities.models import Allocation, Kind, Tag


class StaffForm(forms.Form):
    """Bootstrap classes on every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(StaffForm):
    title = forms.CharField(label=pgettext_lazy("activities", "title"), max_length=128)
    kind = forms.ChoiceField(label=pgettext_lazy("activities", "kind"), choices=Kind.choices)
    allocation = forms.ChoiceField(label=_("allocation"), choices=Allocation.choices)
    opens_at = forms.DateTimeField(label=_("registration opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("registration closes"), widget=DATETIME)
    self_apply = forms.BooleanField(
        label=_("members may apply themselves"), required=False, initial=True
    )
    offer_hours = forms.IntegerField(label=_("hours to confirm an offer"), initial=48)
    seed_source = forms.CharField(
        label=_("seed source"),
        required=False,
        max_length=255,
        help_text=_(
            "For a fair draw: the public value the draw will use, announced now, e.g. the "
            "closing value of the Shanghai Composite Index on a day after registration closes."
        ),
    )
    description = forms.CharField(label=_("description"), required=False, widget=forms.Textarea)


class BatchForm(StaffForm):
    name = forms.CharField(label=pgettext_lazy("activities", "name"), max_length=64)
    starts_on = forms.DateField(label=pgettext_lazy("activities", "starts on"), widget=DATE)
    ends_on = forms.DateField(label=_("ends on"), widget=DATE)
    place = forms.CharField(label=_("place"), max_length=128)
    places = forms.IntegerField(label=pgettext_lazy("activities", "places"), min_value=1)
    gender = forms.ChoiceField(
        label=pgettext_lazy("activities", "gender"),
        required=False,
        choices=[
            ("", pgettext_lazy("activities", "Any")),
            ("female", _("Women only")),
            ("male", _("Men only")),
        ],
    )
    min_age = forms.IntegerField(label=_("minimum age"), required=False, min_value=16)
    max_age = forms.IntegerField(label=_("maximum age"), required=False, max_value=80)
    required_tag = forms.ChoiceField(
        label=_("only for"),
        required=False,
        choices=[("", pgettext_lazy("activities", "Any"))] + list(Tag.choices),
    )
    hardship_only = forms.BooleanField(label=_("hardship file holders only"), required=False)
    not_served_years = forms.IntegerField(
        label=_("not served within (years)"), required=False, min_value=1, max_value=10
    )


class CodeForm(StaffForm):
    code = forms.CharField(label=pgettext_lazy("activities", "Code"), max_length=32)


class NominateForm(StaffForm):
    id_number = forms.CharField(label=pgettext_lazy("activities", "ID number"), max_length=18)
    batch = forms.IntegerField(widget=forms.HiddenInput)


class UploadForm(StaffForm):
    file = forms.FileField(label=_("Excel file"))


class LotteryForm(StaffForm):
    title = forms.CharField(label=pgettext_lazy("activities", "title"), max_length=128)
    opens_at = forms.DateTimeField(label=_("entry opens"), widget=DATETIME)
    closes_at = forms.DateTimeField(label=_("entry closes"), widget=DATETIME)
    voucher_days = forms.IntegerField(label=_("vouchers valid for (days)"), initial=30)
    seed_source = forms.CharField(label=_("seed source"), max_length=255)
    prizes = forms.CharField(
        label=pgettext_lazy("activities", "prizes"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One prize per line: name, number, value each (yuan)."),
    )
