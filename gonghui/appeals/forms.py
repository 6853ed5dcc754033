from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.appeals import registry
from gonghui.appeals.models import AppealStatus
from gonghui.appeals.services import MAX_REASON


class AppealForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the decision should be changed"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control weui-textarea"}),
        error_messages={"required": _("Please give the reason for your appeal.")},
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("uphold", _("Uphold: reopen it")), ("dismiss", _("Dismiss: the refusal stands"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Explanation to the member (sent by SMS)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        error_messages={"required": _("Please explain the decision to the member.")},
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=pgettext_lazy("appeals", "Status"),
        required=False,
        choices=[("", pgettext_lazy("appeals", "All"))] + AppealStatus.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    kind = forms.ChoiceField(
        label=_("What was refused"),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", pgettext_lazy("appeals", "All"))] + registry.choices()
