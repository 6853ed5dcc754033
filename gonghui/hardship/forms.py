"""Forms parse input; the services validate and decide."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.activities.models import Tag as MemberGroup
from gonghui.consent.forms import add_consent_fields
from gonghui.core.dates import working_day_end
from gonghui.deadlines.calendar import work_calendar
from gonghui.hardship import publication
from gonghui.hardship.models import (
    AidType,
    AttachmentKind,
    Audience,
    CampaignKind,
    Cause,
    CloseReason,
    FamilyMember,
    FundingSource,
    HardshipFile,
    Status,
    Tier,
    VisitMode,
)
from gonghui.hardship.services.files import HOUSEHOLD_FIELDS
from gonghui.orgs.selectors import member_query


def date_input():
    """A date picker; its value must be ISO whatever the interface language."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos or scans at once (Django's documented recipe)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*,.pdf"}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class BootstrapMixin:
    """Bootstrap classes on every widget of a staff form."""

    def style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class StaffForm(BootstrapMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style()


def _today():
    return timezone.localdate()


class FileSearchForm(StaffForm):
    q = forms.CharField(
        label=_("Worker's name"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Part of the name")}),
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("hardship", "Status"),
        choices=[("", pgettext_lazy("hardship", "All"))] + Status.choices,
        required=False,
    )
    tier = forms.ChoiceField(
        label=_("Tier"),
        choices=[("", pgettext_lazy("hardship", "All"))] + Tier.choices,
        required=False,
    )
    union = forms.ModelChoiceField(
        label=pgettext_lazy("hardship", "Union"),
        queryset=None,
        required=False,
        empty_label=pgettext_lazy("hardship", "All"),
    )
    due = forms.BooleanField(label=_("Due for the yearly review"), required=False)

    def __init__(self, *args, unions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions


class HouseholdForm(BootstrapMixin, forms.ModelForm):
    secondary_causes = forms.MultipleChoiceField(
        label=_("Secondary causes"),
        choices=Cause.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    bank_card = forms.CharField(
        label=pgettext_lazy("hardship", "Bank card number"), max_length=32, required=False
    )

    class Meta:
        model = HardshipFile
        fields = list(HOUSEHOLD_FIELDS)
        widgets = {"statement": forms.Textarea(attrs={"rows": 3})}

    OPTIONAL_AMOUNTS = (
        "spending_illness",
        "spending_disability",
        "spending_schooling",
        "emergency_cost",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["bank_card"] = self.instance.bank_card
        for name in self.OPTIONAL_AMOUNTS:
            self.fields[name].required = False
        self.style()

    def _post_clean(self):
        """Validation lives in the service; the form only parses."""

    def household(self) -> dict:
        data = {name: self.cleaned_data[name] for name in HOUSEHOLD_FIELDS}
        for name in self.OPTIONAL_AMOUNTS:
            data[name] = data[name] or 0
        return data


class StaffApplyForm(HouseholdForm):
    id_number = forms.CharField(
        label=_("Worker's full ID number"),
        max_length=20,
        help_text=_("The worker must be a member of a union you keep."),
    )
    attachments = MultipleFileField(label=_("Application form, signed consent (photos or PDF)"))

    field_order = ["id_number"]

    def __init__(self, *args, member=None, **kwargs):
        super().__init__(*args, **kwargs)
        if member is not None:  # chosen on the member's page, or found by the ID number
            del self.fields["id_number"]
            self.initial.setdefault("account_holder", member.name)
            self.initial.setdefault("bank_name", member.bank_name)
            # 代办: the worker's agreement to the public notice, as they gave it to staff.
            add_consent_fields(self, service=publication.SERVICE, member=member, on_behalf=True)


class FamilyMemberForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = FamilyMember
        fields = [
            "relation",
            "name",
            "id_number",
            "age",
            "health",
            "disability",
            "schooling",
            "school_or_employer",
            "annual_income",
        ]
        widgets = {"id_number": forms.TextInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_number"].required = False
        self.style()

    def _post_clean(self):
        """Validation lives in the service; the form only parses."""


class AttachmentForm(StaffForm):
    kind = forms.ChoiceField(
        label=pgettext_lazy("hardship", "Kind"), choices=AttachmentKind.choices
    )
    uploads = MultipleFileField(label=_("Files (photos or PDF)"))


# --- lifecycle steps -----------------------------------------------------------------------


class TierDecisionForm(StaffForm):
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)
    reason = forms.CharField(
        label=_("Reason (required when it differs from the suggestion)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=pgettext_lazy("hardship", "Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApproveForm(TierDecisionForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].help_text = _("Keep the tier the union decided, or change it.")


class VisitForm(StaffForm):
    visited_on = forms.DateField(label=_("Visited on"), initial=_today, widget=date_input())
    visitors = forms.CharField(label=_("Who visited"), max_length=255)
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 4}))
    photos = MultipleFileField(label=pgettext_lazy("hardship", "Photos"))


class NoteForm(StaffForm):
    note = forms.CharField(
        label=pgettext_lazy("hardship", "Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RequiredNoteForm(StaffForm):
    note = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(StaffForm):
    note = forms.CharField(
        label=_("What happened to the family"), widget=forms.Textarea(attrs={"rows": 3})
    )


def notice_end(calendar=None, start=None):
    """The earliest last day of a notice starting `start` (today): the national calendar
    unless the file's own (its federation's) is given."""
    return working_day_end(
        start or _today(),
        settings.HARDSHIP_NOTICE_MIN_WORKING_DAYS,
        calendar if calendar is not None else work_calendar(),
    )


class NoticeForm(StaffForm):
    starts_on = forms.DateField(label=_("Notice starts on"), initial=_today, widget=date_input())
    ends_on = forms.DateField(
        label=_("Notice ends on (last day)"), initial=notice_end, widget=date_input()
    )
    place = forms.CharField(label=_("Where it is posted"), max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].help_text = _(
            "At least %(n)d working days, the start day included; public holidays and "
            "make-up working days (调休) are counted as in the working-day calendar."
        ) % {"n": settings.HARDSHIP_NOTICE_MIN_WORKING_DAYS}


class ReturnForm(StaffForm):
    reason = forms.CharField(
        label=_("Why the file is returned"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(StaffForm):
    reason = forms.ChoiceField(
        label=pgettext_lazy("hardship", "Reason"), choices=CloseReason.choices
    )
    note = forms.CharField(
        label=pgettext_lazy("hardship", "Details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChangeTierForm(StaffForm):
    tier = forms.ChoiceField(label=_("New tier"), choices=Tier.choices)
    reason = forms.CharField(
        label=pgettext_lazy("hardship", "Reason"), widget=forms.Textarea(attrs={"rows": 2})
    )


class ObjectionForm(StaffForm):
    received_on = forms.DateField(label=_("Received on"), initial=_today, widget=date_input())
    raised_by = forms.CharField(
        label=_("Raised by (may be anonymous)"), max_length=128, required=False
    )
    content = forms.CharField(label=_("Objection"), widget=forms.Textarea(attrs={"rows": 2}))


class ResolveForm(StaffForm):
    resolution = forms.CharField(
        label=_("How it was resolved"), widget=forms.Textarea(attrs={"rows": 2})
    )


# --- aid and campaigns ---------------------------------------------------------------------


class AidForm(StaffForm):
    aid_type = forms.ChoiceField(label=_("Aid type"), choices=AidType.choices)
    amount = forms.DecimalField(
        label=pgettext_lazy("hardship", "Cash (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        initial=0,
    )
    goods = forms.CharField(label=_("Goods"), max_length=128, required=False)
    goods_value = forms.DecimalField(
        label=_("Value of the goods (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        initial=0,
    )
    given_on = forms.DateField(label=_("Given on"), initial=_today, widget=date_input())
    funding_source = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.choices)
    over_limit_reason = forms.CharField(
        label=_("Reason for going above the limit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(label=pgettext_lazy("hardship", "Note"), max_length=255, required=False)


class CampaignForm(StaffForm):
    name = forms.CharField(label=_("Campaign name"), max_length=128)
    kind = forms.ChoiceField(label=pgettext_lazy("hardship", "Kind"), choices=CampaignKind.choices)
    year = forms.IntegerField(
        label=pgettext_lazy("hardship", "Year"), min_value=2000, max_value=2100
    )
    org = forms.ModelChoiceField(label=_("Organised by"), queryset=None)
    budget = forms.DecimalField(label=_("Budget (yuan)"), max_digits=14, decimal_places=2)
    aid_type = forms.ChoiceField(label=_("Aid type"), choices=AidType.choices)
    funding_source = forms.ChoiceField(label=_("Funding source"), choices=FundingSource.choices)
    default_amount = forms.DecimalField(
        label=_("Amount per recipient (cash, or the value of the goods)"),
        max_digits=14,
        decimal_places=2,
    )
    goods = forms.CharField(
        label=_("Goods given (leave empty for cash)"), max_length=128, required=False
    )
    audience = forms.ChoiceField(
        label=_("Recipients from"),
        choices=Audience.choices,
        initial=Audience.FILES,
        required=False,
        help_text=_(
            "Member-wide distributions (summer cooling for outdoor workers, festival gifts "
            "beyond the hardship files) pick members by group; the file conditions below "
            "then do not apply."
        ),
    )
    rule_groups = forms.MultipleChoiceField(
        label=_("Member groups (member-wide only)"),
        choices=MemberGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every active member."),
    )
    rule_tiers = forms.MultipleChoiceField(
        label=_("Tiers"),
        choices=Tier.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every tier."),
    )
    rule_causes = forms.MultipleChoiceField(
        label=_("Causes of hardship"),
        choices=Cause.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: any cause."),
    )
    rule_child_in_school = forms.BooleanField(label=_("Has a child in school"), required=False)
    rule_young_child = forms.BooleanField(label=_("Has a child aged 14 or under"), required=False)
    rule_female_worker = forms.BooleanField(label=_("The worker is a woman"), required=False)

    RULE_FIELDS = ("groups", "tiers", "causes", "child_in_school", "young_child", "female_worker")
    LIST_RULES = {"groups", "tiers", "causes"}

    def __init__(self, *args, orgs, campaign=None, **kwargs):
        if campaign is not None:
            kwargs.setdefault("initial", self.initial_from(campaign))
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs
        if campaign is not None:
            del self.fields["org"]

    @classmethod
    def initial_from(cls, campaign) -> dict:
        initial = {
            name: getattr(campaign, name)
            for name in (
                "name",
                "kind",
                "year",
                "budget",
                "aid_type",
                "funding_source",
                "default_amount",
                "goods",
                "audience",
            )
        }
        for name in cls.RULE_FIELDS:
            initial[f"rule_{name}"] = campaign.rule.get(
                name, [] if name in cls.LIST_RULES else False
            )
        return initial

    def campaign_fields(self) -> dict:
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if not name.startswith("rule_") and name != "org"
        }
        data["audience"] = data.get("audience") or Audience.FILES
        # a member-wide list is picked by group (and gender); a file list by the file's facts
        kept = (
            {"groups", "female_worker"}
            if data["audience"] == Audience.MEMBERS
            else set(self.RULE_FIELDS) - {"groups"}
        )
        data["rule"] = {
            name: self.cleaned_data[f"rule_{name}"]
            for name in self.RULE_FIELDS
            if name in kept and self.cleaned_data[f"rule_{name}"]
        }
        return data


class RecipientAddForm(StaffForm):
    file = forms.ModelChoiceField(label=_("Active file"), queryset=None)
    planned_amount = forms.DecimalField(
        label=_("Planned amount"), max_digits=14, decimal_places=2, required=False
    )

    def __init__(self, *args, files, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].queryset = files
        self.fields["file"].label_from_instance = lambda file: (
            f"{file.member.name} · {file.member.union} · {file.get_tier_display()}"
        )


class MemberRecipientAddForm(StaffForm):
    """A member-wide list: find the member as the member search does."""

    member = forms.CharField(
        label=pgettext_lazy("hardship", "Member"),
        max_length=64,
        widget=forms.TextInput(
            attrs={"placeholder": _("Name and the ID number's last 4, or mobile")}
        ),
    )
    planned_amount = forms.DecimalField(
        label=_("Planned amount"), max_digits=14, decimal_places=2, required=False
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members

    def clean_member(self):
        found = list(self.members.filter(member_query(self.cleaned_data["member"]))[:2])
        if not found:
            raise forms.ValidationError(_("No active member under this federation matches."))
        if len(found) > 1:
            raise forms.ValidationError(
                _("More than one member matches: add the ID number's last 4 characters.")
            )
        return found[0]


class PayForm(StaffForm):
    given_on = forms.DateField(label=_("Given on"), initial=_today, widget=date_input())
    amount = forms.DecimalField(
        label=pgettext_lazy("hardship", "Amount (yuan)"),
        max_digits=14,
        decimal_places=2,
        required=False,
    )
    over_limit_reason = forms.CharField(
        label=_("Reason for going above the limit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PayAllForm(StaffForm):
    given_on = forms.DateField(label=_("Given on"), initial=_today, widget=date_input())


# --- pairing, parameters -------------------------------------------------------------------


class PairForm(StaffForm):
    cadre = forms.ModelChoiceField(label=_("Cadre"), queryset=None)
    started_on = forms.DateField(label=_("Paired since"), initial=_today, widget=date_input())

    def __init__(self, *args, cadres, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cadre"].queryset = cadres
        self.fields["cadre"].label_from_instance = lambda user: f"{user} · {user.org}"


class PairVisitForm(StaffForm):
    visited_on = forms.DateField(label=_("Visited on"), initial=_today, widget=date_input())
    mode = forms.ChoiceField(label=_("How"), choices=VisitMode.choices)
    content = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))


class StandardForm(StaffForm):
    area = forms.ModelChoiceField(label=_("Area"), queryset=None)
    year = forms.IntegerField(
        label=pgettext_lazy("hardship", "Year"), min_value=2000, max_value=2100
    )
    monthly_amount = forms.DecimalField(
        label=_("Yuan per person per month"), max_digits=14, decimal_places=2
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


class LimitForm(StaffForm):
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=None,
        required=False,
        empty_label=_("Default for every area"),
    )
    tier = forms.ChoiceField(label=_("Tier"), choices=Tier.choices)
    aid_type = forms.ChoiceField(label=_("Aid type"), choices=AidType.choices)
    months_of_standard = forms.DecimalField(
        label=_("Months of the standard a year"), max_digits=5, decimal_places=1, required=False
    )
    amount = forms.DecimalField(
        label=_("Or a fixed amount a year (yuan)"), max_digits=14, decimal_places=2, required=False
    )

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas


# --- the worker's phone --------------------------------------------------------------------


class PhoneApplyForm(forms.Form):
    """Few fields, big inputs: what a worker can fill in on a phone."""

    main_cause = forms.ChoiceField(label=_("Main cause"), choices=Cause.choices)
    household_size = forms.IntegerField(
        label=_("People living together"), min_value=1, max_value=30, initial=1
    )
    annual_income = forms.DecimalField(
        label=_("Household income last year (yuan)"), max_digits=14, decimal_places=2, min_value=0
    )
    spending_illness = forms.DecimalField(
        label=_("Spent on illness (yuan a year)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    spending_disability = forms.DecimalField(
        label=_("Spent on disability (yuan a year)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    spending_schooling = forms.DecimalField(
        label=_("Spent on schooling (yuan a year)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    emergency_cost = forms.DecimalField(
        label=_("Cost of a sudden accident or illness (yuan)"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    statement = forms.CharField(
        label=_("Tell us about your difficulty"), widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = MultipleFileField(label=_("Photos of proof (optional)"))

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        add_consent_fields(self, service=publication.SERVICE, member=member, on_behalf=False)

    def household(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("consent_")}
        data.pop("attachments")
        for name in (
            "spending_illness",
            "spending_disability",
            "spending_schooling",
            "emergency_cost",
        ):
            data[name] = data[name] or 0
        return data
