import re

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.grid.models import CHECKLIST, Kind, LegalEventKind, QuestionCategory, Severity
from gonghui.hardship.models import Cause


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("grid", "Kind"), choices=Kind.choices)
    severity = forms.ChoiceField(
        label=pgettext_lazy("grid", "Severity"), choices=Severity.choices, initial="medium"
    )
    title = forms.CharField(label=pgettext_lazy("grid", "Title"), max_length=128)
    facts = forms.CharField(label=pgettext_lazy("grid", "Facts"), widget=forms.Textarea(
        attrs={"rows": 4}))  # fmt: skip
    workers = forms.CharField(
        label=_("Workers involved, one per line: name, ID number, mobile"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    enterprise_party = forms.BooleanField(
        label=_("The enterprise is a party"), required=False, initial=True
    )
    people = forms.IntegerField(label=pgettext_lazy("grid", "People involved"), min_value=1,
                                initial=1)  # fmt: skip
    amount = forms.CharField(label=_("Amount involved (yuan)"), required=False, max_length=20)
    mass_incident = forms.BooleanField(label=pgettext_lazy("grid", "Mass incident"),
                                       required=False)  # fmt: skip
    location = forms.CharField(label=pgettext_lazy("grid", "Location"), required=False,
                               max_length=128)  # fmt: skip
    photo = forms.ImageField(label=pgettext_lazy("grid", "Photo"), required=False)

    def parties(self, enterprise_name: str = "") -> list[dict]:
        parties = []
        for line in (self.cleaned_data.get("workers") or "").splitlines():
            bits = [b for b in re.split(r"[\s,，、]+", line.strip()) if b]
            if not bits:
                continue
            parties.append({"role": "worker", "name": bits[0],
                            "id_number": bits[1] if len(bits) > 1 else "",
                            "mobile": bits[2] if len(bits) > 2 else ""})  # fmt: skip
        if self.cleaned_data.get("enterprise_party") and enterprise_name:
            parties.append({"role": "enterprise", "name": enterprise_name})
        return parties


class StaffCaseForm(CaseForm):
    enterprise = forms.ModelChoiceField(
        label=pgettext_lazy("grid", "Enterprise"), queryset=None, required=False
    )
    union = forms.ModelChoiceField(label=pgettext_lazy("grid", "Union"), queryset=None)

    def __init__(self, *args, enterprises, unions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        self.fields["union"].queryset = unions


class MemberCaseForm(CaseForm):
    confidential = forms.BooleanField(
        label=_("Confidential: send it to the town federation, do not show my name to the "
                "enterprise"),
        required=False,
    )  # fmt: skip
    mass_incident = None


class QuestionForm(forms.Form):
    category = forms.ChoiceField(label=pgettext_lazy("grid", "About"),
                                 choices=QuestionCategory.choices)  # fmt: skip
    text = forms.CharField(label=pgettext_lazy("grid", "Your question"),
                           widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip


class TrackForm(forms.Form):
    code = forms.CharField(label=pgettext_lazy("grid", "Case number"), max_length=20)
    mobile = forms.CharField(label=_("Mobile of the filer"), max_length=20)


class HealthCheckForm(forms.Form):
    enterprise = forms.ModelChoiceField(label=pgettext_lazy("grid", "Enterprise"), queryset=None)
    date = forms.DateField(label=pgettext_lazy("grid", "Date"),
                           widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    findings = forms.CharField(label=pgettext_lazy("grid", "Findings"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    rectify_by = forms.DateField(label=pgettext_lazy("grid", "Rectify by"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises
        for key, label in CHECKLIST:
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)

    def results(self) -> dict:
        return {key: bool(self.cleaned_data.get(f"check_{key}")) for key, _label in CHECKLIST}


class LegalEventForm(forms.Form):
    kind = forms.ChoiceField(label=pgettext_lazy("grid", "Kind"), choices=LegalEventKind.choices)
    date = forms.DateField(label=pgettext_lazy("grid", "Date"),
                           widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    topic = forms.CharField(label=pgettext_lazy("grid", "Topic"), max_length=128)
    attendees = forms.IntegerField(label=pgettext_lazy("grid", "Attendees"), min_value=0,
                                   initial=0)  # fmt: skip


class HardshipForm(forms.Form):
    main_cause = forms.ChoiceField(label=_("Main cause of hardship"), choices=Cause.choices)
    note = forms.CharField(label=_("How the worker agreed to the public notice"))
