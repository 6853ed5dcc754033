"""Forms parse what people type; the rules live in the services."""

import base64
import binascii

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.claims.models import ClaimStatus, EventType, MaterialKind, Place, Severity, SmsKind
from gonghui.claims.services import REJECT_REASONS
from gonghui.claims.services.review import CORRECTABLE
from gonghui.mutual_aid.models import Plan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# The engine's error keys (quotes.event_build) and the form's field names.
ERROR_FIELDS = {"type": "event_type"}


def bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        else:
            widget.attrs.setdefault(
                "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
            )


class FactsForm(forms.Form):
    """What happened, as the settlement slip and the diagnosis say it."""

    event_type = forms.ChoiceField(choices=EventType.choices, widget=forms.HiddenInput)
    hospital = forms.CharField(
        label=pgettext_lazy("claims", "Hospital"), max_length=128, required=False
    )
    settlement_serial = forms.CharField(
        label=_("Settlement serial number (optional)"),
        max_length=64,
        required=False,
        help_text=_("The 结算单号 printed at the top of the settlement slip."),
    )
    admission = forms.DateField(
        label=pgettext_lazy("claims", "Admission date"), required=False, widget=DATE
    )
    discharge = forms.DateField(
        label=pgettext_lazy("claims", "Discharge date"), required=False, widget=DATE
    )
    place = forms.ChoiceField(
        label=_("Where were you treated?"),
        choices=Place.choices,
        widget=forms.RadioSelect,
        initial=Place.LOCAL,
        required=False,
    )
    self_responsibility = forms.CharField(
        label=_("自负 amount on the settlement slip (yuan)"),
        required=False,
        max_length=20,
        # A hint, not a placeholder: a grey sample amount in the box reads as already filled.
        help_text=_("As printed on the slip, e.g. 7,668.71"),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    accident = forms.BooleanField(label=_("It was an accidental injury"), required=False)
    critical = forms.ChoiceField(
        label=_("Was a critical illness diagnosed?"),
        choices=Severity.choices,
        widget=forms.RadioSelect,
        initial=Severity.NONE,
        required=False,
    )
    female_cancer = forms.BooleanField(
        label=_(
            "A primary cancer of the breast, cervix, uterus, ovary, fallopian tube, vagina or vulva"
        ),
        required=False,
    )
    in_situ = forms.BooleanField(label=_("Carcinoma in situ (原位癌)"), required=False)
    diagnosis = forms.CharField(
        label=_("Diagnosis (as on the certificate)"), max_length=128, required=False
    )
    first_diagnosed = forms.DateField(
        label=pgettext_lazy("claims", "First diagnosed on"), required=False, widget=DATE
    )
    icd10 = forms.CharField(label=_("ICD-10 code (if known)"), required=False, max_length=16)
    birth_date = forms.DateField(label=_("Date of birth of the baby"), required=False, widget=DATE)

    def facts(self) -> dict:
        data = dict(self.cleaned_data)
        data["place"] = data["place"] or Place.LOCAL
        data["critical"] = data["critical"] or Severity.NONE
        data["self_responsibility"] = data["self_responsibility"] or None
        return data

    def add_service_error(self, exc: ValidationError) -> None:
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                field = ERROR_FIELDS.get(field, field)
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, exc)


class StaffFactsForm(FactsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class SignatureForm(forms.Form):
    """The canvas's drawing as a data URL (data:image/png;base64,...)."""

    signature = forms.CharField(widget=forms.HiddenInput, max_length=2_000_000)

    def clean_signature(self) -> bytes:
        value = self.cleaned_data["signature"]
        prefix = "data:image/png;base64,"
        if not value.startswith(prefix):
            raise ValidationError(_("Please sign in the box before confirming."))
        try:
            return base64.b64decode(value[len(prefix) :], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValidationError(_("The signature could not be read. Please sign again.")) from exc


class MemberLookupForm(forms.Form):
    query = forms.CharField(
        label=_("Member's full ID number, mobile or name"),
        max_length=64,
        widget=forms.TextInput(attrs={"class": "form-control", "autofocus": True}),
    )


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label=pgettext_lazy("claims queue", "Search"),
        required=False,
        max_length=64,
        widget=forms.TextInput(
            attrs={"placeholder": _("Claim number, name, name and ID last 4, ID number")}
        ),
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("claims", "State"),
        required=False,
        choices=[("", _("Waiting for review"))]
        + [(s.value, s.label) for s in ClaimStatus if s != ClaimStatus.DRAFT],
    )
    plan = forms.ChoiceField(
        label=pgettext_lazy("claims", "Plan"),
        required=False,
        choices=[("", _("All plans")), *Plan.choices],
    )
    union = forms.ModelChoiceField(
        label=pgettext_lazy("claims", "Union"),
        required=False,
        queryset=None,
        empty_label=_("All unions"),
    )
    waited_days = forms.IntegerField(
        label=_("Waiting at least (days)"), required=False, min_value=0, max_value=3650
    )
    amount_min = forms.DecimalField(label=_("Amount from"), required=False, min_value=0)
    amount_max = forms.DecimalField(label=_("Amount to"), required=False, min_value=0)
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"), required=False, queryset=None, empty_label=_("Anyone")
    )

    def __init__(self, *args, unions, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions
        self.fields["reviewer"].queryset = reviewers
        bootstrap(self)

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "query": data.get("q") or "",
            "status": data.get("status") or "",
            "plan": data.get("plan") or "",
            "union_id": data["union"].pk if data.get("union") else None,
            "waited_days": data.get("waited_days"),
            "amount_min": data.get("amount_min"),
            "amount_max": data.get("amount_max"),
            "reviewer_id": data["reviewer"].pk if data.get("reviewer") else None,
        }


class CorrectionForm(forms.Form):
    field = forms.ChoiceField(label=_("Input to correct"), choices=())
    value = forms.CharField(
        label=_("Correct value"),
        max_length=128,
        required=False,
        help_text=_("Dates as 2021-04-13; yes/no as 是 or 否; amounts in yuan."),
    )
    reason = forms.CharField(
        label=pgettext_lazy("claims", "Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [
            (name, FactsForm.base_fields[name].label) for name in CORRECTABLE
        ]
        bootstrap(self)


class ApproveForm(forms.Form):
    note = forms.CharField(
        label=pgettext_lazy("claims", "Note (optional)"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": pgettext_lazy("claims", "Note (optional)")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=pgettext_lazy("claims", "Reason"), choices=())
    note = forms.CharField(
        label=_("Note to the member"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The reviewer reads the reason the member will read; the code stays in the value.
        self.fields["reason"].choices = [(code, str(text)) for code, text in REJECT_REASONS.items()]
        bootstrap(self)


class ReturnForm(forms.Form):
    materials = forms.MultipleChoiceField(
        label=_("Materials needed"),
        choices=[(k.value, k.label) for k in MaterialKind if k != MaterialKind.APPLICATION_FORM],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note to the member"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class LineFailForm(forms.Form):
    reason = forms.CharField(label=_("The bank's reason"), max_length=255)


class SmsTemplateForm(forms.Form):
    kind = forms.ChoiceField(choices=SmsKind.choices, widget=forms.HiddenInput)
    text = forms.CharField(
        label=pgettext_lazy("claims", "Text"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
