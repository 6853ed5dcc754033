"""Forms parse what people type; the rules they check live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.medinsure.models import (
    FIELD_HEADERS,
    FIELD_LABELS,
    REQUIRED_FIELDS,
    Category,
    NoticeKind,
    NoticeStatus,
    RecordKind,
    RecoveryStatus,
)
from gonghui.mutual_aid.forms import StaffForm

UPLOAD_TYPES = (".csv", ".xlsx", ".txt")


class UploadForm(StaffForm):
    federation = forms.ModelChoiceField(
        label=pgettext_lazy("medinsure", "Federation"), queryset=None, empty_label=None
    )
    file = forms.FileField(
        label=_("Settlement file"),
        help_text=_("CSV (UTF-8 or GBK) or Excel (.xlsx), as the bureau's system exports it."),
    )

    def __init__(self, *args, federations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["federation"].queryset = federations
        self.only = federations.first() if federations.count() == 1 else None
        if self.only is not None:
            self.fields["federation"].widget = forms.HiddenInput()
            self.fields["federation"].initial = self.only.pk
            self.fields["federation"].required = False

    def clean_federation(self):
        return self.cleaned_data.get("federation") or self.only

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(UPLOAD_TYPES):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class PreviewMappingForm(StaffForm):
    """Which of the file's columns feeds each field; starts from the saved mapping."""

    remember = forms.BooleanField(
        label=_("Remember these columns for this federation's next files"),
        required=False,
        initial=True,
    )

    def __init__(
        self, *args, headers: list[str], mapping: dict[str, str], can_save: bool, **kwargs
    ):
        super().__init__(*args, **kwargs)
        choices = [("", _("(not in this file)"))] + [(h, h) for h in headers if h]
        for name, label in FIELD_LABELS.items():
            initial = mapping.get(name, FIELD_HEADERS[name])
            self.fields[f"map_{name}"] = forms.ChoiceField(
                label=label,
                choices=choices,
                required=name in REQUIRED_FIELDS,
                initial=initial if initial in headers else "",
            )
            self.fields[f"map_{name}"].widget.attrs["class"] = "form-select form-select-sm"
        if not can_save:
            del self.fields["remember"]

    def mapping(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(f"map_{name}") or "" for name in FIELD_LABELS}

    def clean(self):
        data = super().clean()
        used: dict[str, str] = {}
        for name in FIELD_LABELS:
            header = data.get(f"map_{name}")
            if header and header in used:
                self.add_error(f"map_{name}", _("This column is already used above."))
            elif header:
                used[header] = name
        return data

    def mapping_fields(self):
        return [self[f"map_{name}"] for name in FIELD_LABELS]


class MappingForm(StaffForm):
    """The saved mapping, typed: the bureau's header for each field."""

    def __init__(self, *args, mapping: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in FIELD_LABELS.items():
            self.fields[name] = forms.CharField(
                label=label,
                max_length=64,
                required=name in REQUIRED_FIELDS,
                initial=mapping.get(name, FIELD_HEADERS[name]),
                help_text=_("Default: %(header)s") % {"header": FIELD_HEADERS[name]},
            )


class RecordFilterForm(StaffForm):
    q = forms.CharField(
        label=pgettext_lazy("medinsure", "Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Serial number, full ID number or name")}),
    )
    matched = forms.ChoiceField(
        label=_("Matched"),
        required=False,
        choices=[
            ("", pgettext_lazy("medinsure", "All")),
            ("yes", _("Matched to an enrolled member")),
            ("no", _("Nobody enrolled")),
        ],
    )
    kind = forms.ChoiceField(
        label=_("Settlement status"),
        required=False,
        choices=[("", pgettext_lazy("medinsure", "All"))] + RecordKind.choices,
    )
    category = forms.ChoiceField(
        label=_("Medical category"),
        required=False,
        choices=[("", pgettext_lazy("medinsure", "All"))] + Category.choices,
    )


class NoticeFilterForm(StaffForm):
    q = forms.CharField(
        label=pgettext_lazy("medinsure", "Search"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name, full ID number or serial number")}),
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("medinsure", "Status"),
        required=False,
        choices=[("", pgettext_lazy("medinsure", "All"))] + NoticeStatus.choices,
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("medinsure", "Kind"),
        required=False,
        choices=[("", pgettext_lazy("medinsure", "All"))] + NoticeKind.choices,
    )


class RecoveryCloseForm(StaffForm):
    to = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (RecoveryStatus.RECOVERED, RecoveryStatus.RECOVERED.label),
            (RecoveryStatus.WAIVED, RecoveryStatus.WAIVED.label),
        ],
    )
    note = forms.CharField(label=pgettext_lazy("medinsure", "Note"), max_length=255, required=False)


class ApiKeyForm(StaffForm):
    name = forms.CharField(
        label=pgettext_lazy("medinsure", "Name"),
        max_length=64,
        help_text=_("For example: the county bureau's system."),
    )


class ConfirmForm(forms.Form):
    """The member's one tap; the card fields only when they correct the card on file."""

    bank_name = forms.CharField(
        label=pgettext_lazy("medinsure", "Bank"), max_length=64, required=False
    )
    bank_card = forms.CharField(
        label=pgettext_lazy("medinsure", "Bank card number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class LinkSettingsForm(StaffForm):
    straight_through_up_to = forms.DecimalField(
        label=_("Approve without a reviewer up to (yuan)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_(
            "A claim made from a settlement record that passes every automatic check and is "
            "not above this amount is approved at once and paid in the next batch; above it, "
            "or with any finding, a reviewer decides. 0 sends every one to a reviewer."
        ),
    )
