from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.forms import TableFileField
from gonghui.orgs.models import EmploymentGroup, Enterprise, Member, MemberStatus


class MemberSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={
                "placeholder": _("Name, name and last 4 of the ID number, full ID number or mobile")
            }
        ),
    )
    union = forms.ModelChoiceField(
        label=_("Union"),
        queryset=None,
        required=False,
        empty_label=pgettext_lazy("filter", "All unions"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + MemberStatus.choices, required=False
    )
    group = forms.ChoiceField(
        label=_("New employment form"),
        choices=[("", _("All"))] + EmploymentGroup.choices[1:],
        required=False,
    )

    def __init__(self, *args, unions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions


class MemberForm(forms.ModelForm):
    id_number = forms.CharField(label=_("ID number"), max_length=20)

    class Meta:
        model = Member
        fields = [
            "name",
            "id_number",
            "mobile",
            "union",
            "enterprise",
            "status",
            "join_date",
            "basic_medical_insurance",
            "maternity_insurance",
            "bank_name",
            "bank_card",
            "employment_group",
        ]
        widgets = {"join_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, unions, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions
        self.fields["enterprise"].queryset = enterprises
        if self.instance.pk:
            self.initial["id_number"] = self.instance.id_number
        for field in self.fields.values():
            css = (
                "form-check-input"
                if isinstance(field.widget, forms.CheckboxInput)
                else "form-control"
            )
            if isinstance(field.widget, forms.Select):
                css = "form-select"
            field.widget.attrs.setdefault("class", css)

    def _post_clean(self):
        """Validation lives in the service; the form only parses."""


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = Enterprise
        fields = ["name", "credit_code", "staff_count", "industry", "address", "union", "area"]

    def __init__(self, *args, unions, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["union"].queryset = unions
        self.fields["area"].queryset = areas
        for field in self.fields.values():
            field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            )

    def _post_clean(self):
        """Validation lives in the service; the form only parses."""


class ImportForm(forms.Form):
    file = TableFileField(
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )
