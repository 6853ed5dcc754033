from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.contracts.models import Contract, Kind, Level, Reply
from gonghui.core.forms import TableFileField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TERMS = [
    "union_signatory",
    "union_chair_mobile",
    "employer_signatory",
    "union_negotiator",
    "employer_negotiator",
    "congress_present",
    "congress_for",
    "congress_against",
    "average_wage",
    "adjustment_pct",
    "lowest_wage",
    "pay_day",
]


class TermsForm(forms.ModelForm):
    """What every contract form asks: title, kind, term and signing, signatories, the
    congress vote, wage terms and the signed PDF."""

    pdf = forms.FileField(label=pgettext_lazy("contracts", "Signed contract (PDF)"), required=False)

    class Meta:
        model = Contract
        fields = ["title", "kind", "starts_on", "ends_on", "signed_on", *TERMS]
        widgets = {"starts_on": DATE, "ends_on": DATE, "signed_on": DATE}


class ContractForm(TermsForm):
    level = forms.ChoiceField(label=pgettext_lazy("contracts", "level"), choices=Level.choices)
    org = forms.ModelChoiceField(label=pgettext_lazy("contracts", "union side"), queryset=None)
    bound = forms.CharField(
        label=_("Enterprises bound (one a line: credit code, workers covered)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    renews = forms.ModelChoiceField(
        label=pgettext_lazy("contracts", "renews"), queryset=None, required=False
    )

    class Meta(TermsForm.Meta):
        fields = ["title", "level", "kind", "starts_on", "ends_on", "signed_on", *TERMS]

    def __init__(self, *args, orgs, contracts, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        self.fields["renews"].queryset = contracts
        self.enterprises = enterprises
        self.order_fields(["title", "level", "kind", "org", "bound", "renews"])

    def clean_bound(self):
        lines = []
        for line in self.cleaned_data["bound"].splitlines():
            parts = [part.strip() for part in line.replace("，", ",").split(",")]
            if not parts[0]:
                continue
            if len(parts) != 2:
                raise ValidationError(_("Write each enterprise as: credit code, workers covered."))
            enterprise = self.enterprises.filter(credit_code=parts[0].upper()).first()
            if enterprise is None:
                raise ValidationError(
                    _("No enterprise of your organisation has the credit code %(code)s.")
                    % {"code": parts[0]}
                )
            lines.append((enterprise, parts[1]))
        return lines


class TargetContractForm(TermsForm):
    workers_covered = forms.IntegerField(label=pgettext_lazy("contracts", "workers covered"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = Kind.WAGE


class FileForm(forms.Form):
    filed_on = forms.DateField(label=pgettext_lazy("contracts", "filed on"), widget=DATE)


class ObjectionForm(forms.Form):
    on = forms.DateField(label=pgettext_lazy("contracts", "objection received on"), widget=DATE)
    note = forms.CharField(label=pgettext_lazy("contracts", "notes"), required=False)


class PdfForm(forms.Form):
    pdf = forms.FileField(label=pgettext_lazy("contracts", "Signed contract (PDF)"))


class CampaignForm(forms.Form):
    year = forms.IntegerField(label=pgettext_lazy("contracts", "year"), min_value=2000)
    reply_days = forms.IntegerField(
        label=_("days the employer has to reply"), initial=20, min_value=1, max_value=90
    )


class SendForm(forms.Form):
    sent_on = forms.DateField(label=pgettext_lazy("contracts", "request sent on"), widget=DATE)
    chair = forms.CharField(label=pgettext_lazy("contracts", "Union chair"), max_length=64)


class ReplyForm(forms.Form):
    reply = forms.ChoiceField(label=pgettext_lazy("contracts", "reply"), choices=Reply.choices)
    reply_on = forms.DateField(label=pgettext_lazy("contracts", "reply received on"), widget=DATE)


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=pgettext_lazy("contracts", "held on"), widget=DATE)
    place = forms.CharField(label=pgettext_lazy("contracts", "place"), required=False)
    notes = forms.CharField(label=pgettext_lazy("contracts", "notes"), required=False)


class ImportForm(forms.Form):
    file = TableFileField()
