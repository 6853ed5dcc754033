"""Forms parse what people type; the rules they check live in services and quotes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core import crypto, idnumber
from gonghui.core.forms import TableFileField
from gonghui.mutual_aid.models import DiseaseCategory, EnrollmentStatus, Plan
from gonghui.mutual_aid.parameter_fields import parameter_field
from gonghui.mutual_aid.quotes import event_build
from gonghui.mutual_aid.rules import PARAMETERS
from gonghui.orgs.models import Gender

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _bootstrap(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
            widget.attrs.setdefault("class", "form-check-input")
            continue
        widget.attrs.setdefault(
            "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
        )


class StaffForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bootstrap(self)


def contribution_field(plan) -> forms.DecimalField:
    return forms.DecimalField(
        label=Plan(plan).label,
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Yuan a person; leave empty when the plan is not offered."),
    )


class PeriodCreateForm(StaffForm):
    code = forms.CharField(
        label=pgettext_lazy("mutual_aid", "Code"), max_length=32, help_text=_("For example LQ2027.")
    )
    start = forms.DateField(label=_("Cover starts"), widget=DATE)
    end = forms.DateField(label=_("Cover ends"), widget=DATE)
    enrollment_opens = forms.DateField(
        label=_("Enrollment opens"),
        widget=DATE,
        required=False,
        help_text=_("Default: two months before cover starts."),
    )
    enrollment_closes = forms.DateField(
        label=_("Enrollment closes"),
        widget=DATE,
        required=False,
        help_text=_("Default: when cover ends."),
    )
    min_share = forms.DecimalField(
        label=_("Minimum share of a union's members (%)"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Empty: no minimum."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for plan in Plan.values:
            self.fields[f"contribution_{plan}"] = contribution_field(plan)
        _bootstrap(self)

    def plans(self) -> dict:
        return {
            plan: self.cleaned_data[f"contribution_{plan}"]
            for plan in Plan.values
            if self.cleaned_data.get(f"contribution_{plan}") is not None
        }


class PeriodEditForm(StaffForm):
    start = forms.DateField(label=_("Cover starts"), widget=DATE)
    end = forms.DateField(label=_("Cover ends"), widget=DATE)
    enrollment_opens = forms.DateField(label=_("Enrollment opens"), widget=DATE)
    enrollment_closes = forms.DateField(label=_("Enrollment closes"), widget=DATE)
    min_share = forms.DecimalField(
        label=_("Minimum share of a union's members (%)"),
        required=False,
        min_value=0,
        max_value=100,
    )


class ContributionsForm(StaffForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for plan in Plan.values:
            self.fields[plan] = contribution_field(plan)
        _bootstrap(self)


class TransitionForm(forms.Form):
    to = forms.CharField()
    note = forms.CharField(required=False, max_length=255)


class ParametersForm(StaffForm):
    """One field per parameter of the engine (named as in rule-cases.md), labelled in Chinese."""

    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required once a computation has used the current version."),
    )

    def __init__(self, *args, values: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name, spec in PARAMETERS.items():
            self.fields[name] = parameter_field(name, values.get(name, spec.default))
        self.order_fields([*PARAMETERS, "reason"])
        _bootstrap(self)

    def values(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in PARAMETERS}


class DiseaseForm(StaffForm):
    category = forms.ChoiceField(label=_("List"), choices=DiseaseCategory.choices)
    name = forms.CharField(label=_("Disease"), max_length=64)
    icd10 = forms.CharField(label=_("ICD-10 codes"), max_length=64, required=False)
    note = forms.CharField(
        label=pgettext_lazy("mutual_aid", "Note"), max_length=255, required=False
    )
    position = forms.IntegerField(label=_("Order"), min_value=0, required=False)


class TargetsForm(StaffForm):
    """One number per union; empty removes its target."""

    def __init__(self, *args, unions, targets: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.unions = list(unions)
        for union in self.unions:
            self.fields[f"union_{union.pk}"] = forms.IntegerField(
                label=union.name, required=False, min_value=0, initial=targets.get(union.pk)
            )
        _bootstrap(self)

    def rows(self):
        return [(union, self[f"union_{union.pk}"]) for union in self.unions]

    def targets(self) -> dict:
        return {union: self.cleaned_data[f"union_{union.pk}"] for union in self.unions}


class EnrollmentSearchForm(StaffForm):
    q = forms.CharField(
        label=pgettext_lazy("mutual_aid", "Search"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Name, name and last 4 of the ID number, full ID number or mobile")
            }
        ),
    )
    union = forms.ModelChoiceField(
        label=pgettext_lazy("mutual_aid", "Union"),
        queryset=None,
        required=False,
        empty_label=pgettext_lazy("filter", "All unions"),
    )
    plan = forms.ChoiceField(
        label=pgettext_lazy("mutual_aid", "Plan"),
        choices=[("", pgettext_lazy("mutual_aid", "All"))] + Plan.choices,
        required=False,
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("mutual_aid", "Status"),
        choices=[("", pgettext_lazy("mutual_aid", "All"))] + EnrollmentStatus.choices,
        required=False,
    )

    def __init__(self, *args, unions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions


class RosterForm(StaffForm):
    plans = forms.MultipleChoiceField(
        label=pgettext_lazy("mutual_aid", "Plans"), choices=(), widget=forms.CheckboxSelectMultiple
    )
    enrolled_on = forms.DateField(label=_("Enrollment date"), widget=DATE)
    members = forms.ModelMultipleChoiceField(
        label=pgettext_lazy("mutual_aid", "Members"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one member.")},
    )

    def __init__(self, *args, plans, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].choices = [(plan, Plan(plan).label) for plan in plans]
        self.fields["members"].queryset = members


class EnrollmentImportForm(StaffForm):
    file = TableFileField(widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}))
    skip_bad_rows = forms.BooleanField(
        label=_("Apply the good rows even if some rows are wrong"), required=False
    )
    paid = forms.BooleanField(
        label=_("The contributions have been received: record them as paid"), required=False
    )


class PaymentForm(StaffForm):
    union = forms.ModelChoiceField(label=pgettext_lazy("mutual_aid", "Union"), queryset=None)
    amount = forms.DecimalField(
        label=pgettext_lazy("mutual_aid", "Amount (yuan)"), min_value=0, decimal_places=2
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE)
    note = forms.CharField(
        label=pgettext_lazy("mutual_aid", "Note"), max_length=255, required=False
    )

    def __init__(self, *args, unions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions


# --- the benefit calculator ----------------------------------------------------------------

EVENT_CHOICES = [
    ("inpatient", _("A hospital stay (住院)")),
    ("special_outpatient", _("Special-disease outpatient care (特殊病门诊)")),
    ("diagnosis", _("A serious illness diagnosed, no hospital stay")),
    ("birth", pgettext_lazy("mutual_aid", "A birth")),
]
PLACE_CHOICES = [
    ("local", _("In the local region (本地)")),
    ("elsewhere", pgettext_lazy("mutual_aid", "Elsewhere (异地)")),
]
CRITICAL_CHOICES = [
    ("none", _("Neither")),
    ("severe", _("A severe critical illness (e.g. a malignant tumour)")),
    ("mild", _("A mild one (mild malignant tumour, mild heart attack, mild stroke)")),
]


class QuoteForm(forms.Form):
    """What happened, as a member describes it. clean() builds the engine's Event."""

    type = forms.ChoiceField(
        label=pgettext_lazy("mutual_aid", "What happened?"),
        choices=EVENT_CHOICES,
        widget=forms.RadioSelect,
    )
    admission = forms.DateField(
        label=pgettext_lazy("mutual_aid", "Admission date"), required=False, widget=DATE
    )
    discharge = forms.DateField(
        label=pgettext_lazy("mutual_aid", "Discharge date"), required=False, widget=DATE
    )
    place = forms.ChoiceField(
        label=_("Where were you treated?"),
        choices=PLACE_CHOICES,
        widget=forms.RadioSelect,
        initial="local",
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
        choices=CRITICAL_CHOICES,
        widget=forms.RadioSelect,
        initial="none",
        required=False,
    )
    female_cancer = forms.BooleanField(
        label=_(
            "A primary cancer of the breast, cervix, uterus, ovary, fallopian tube, vagina or vulva"
        ),
        required=False,
    )
    in_situ = forms.BooleanField(label=_("Carcinoma in situ (原位癌)"), required=False)
    first_diagnosed = forms.DateField(
        label=pgettext_lazy("mutual_aid", "First diagnosed on"), required=False, widget=DATE
    )
    icd10 = forms.CharField(label=_("ICD-10 code (if known)"), required=False, max_length=16)
    birth_date = forms.DateField(label=_("Date of birth of the baby"), required=False, widget=DATE)

    EVENT_FIELDS = (
        "type",
        "admission",
        "discharge",
        "place",
        "accident",
        "self_responsibility",
        "critical",
        "female_cancer",
        "in_situ",
        "first_diagnosed",
        "icd10",
        "birth_date",
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        values = {name: data.get(name) for name in self.EVENT_FIELDS}
        values["place"] = values["place"] or "local"
        values["critical"] = values["critical"] or "none"
        try:
            data["event"] = event_build(**values)
        except ValidationError as exc:
            self.add_error(None, exc)
        return data


class StaffQuoteForm(QuoteForm):
    """Staff quote for a member of their subtree (by full ID number) or for facts typed in."""

    member = forms.ModelChoiceField(queryset=None, required=False, widget=forms.HiddenInput)
    id_number = forms.CharField(
        label=_("Member's full ID number"),
        required=False,
        max_length=20,
        help_text=_("Leave empty to enter the facts below instead."),
    )
    period = forms.ModelChoiceField(
        label=pgettext_lazy("mutual_aid", "Period"), queryset=None, required=False
    )
    gender = forms.ChoiceField(
        label=pgettext_lazy("mutual_aid", "Gender"), choices=Gender.choices, required=False
    )
    basic_medical_insurance = forms.BooleanField(
        label=_("In basic medical insurance"), required=False, initial=True
    )
    maternity_insurance = forms.BooleanField(label=_("In maternity insurance"), required=False)
    plans = forms.MultipleChoiceField(
        label=_("Enrolled in"),
        choices=Plan.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    enrolled_on = forms.DateField(label=_("Enrollment date"), required=False, widget=DATE)
    renewal = forms.BooleanField(label=_("Renewed from the previous period"), required=False)

    def __init__(self, *args, members, periods, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        self.fields["member"].queryset = members
        self.fields["period"].queryset = periods
        _bootstrap(self)

    def clean(self):
        data = super().clean()
        member = data.get("member")
        if data.get("id_number"):
            number = idnumber.normalize(data["id_number"])
            member = self.members.filter(id_hash=crypto.lookup_hash(number)).first()
            if member is None:
                self.add_error("id_number", _("No member of your unions has this ID number."))
        data["member"] = member
        if member is None and not self.has_error("id_number"):
            for name in ("period", "gender", "enrolled_on"):
                if not data.get(name):
                    self.add_error(name, _("Needed when no member is chosen."))
        return data
