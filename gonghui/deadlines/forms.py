from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.deadlines.models import DayKind


class CalendarDayForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            field.widget.attrs.setdefault("class", f"{css} {css}-sm")

    day = forms.DateField(
        label=pgettext_lazy("calendar", "Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    kind = forms.ChoiceField(label=pgettext_lazy("calendar", "Kind"), choices=DayKind.choices)
    name = forms.CharField(label=_("Holiday"), max_length=64)
    national = forms.TypedChoiceField(
        label=_("Applies to"),
        coerce=lambda value: value == "1",
        choices=[("1", _("The whole country")), ("0", _("Our federation only"))],
        initial="1",
    )


class ExtendForm(forms.Form):
    amount = forms.IntegerField(label=_("Extend by"), min_value=1, max_value=365)
    reason = forms.CharField(
        label=pgettext_lazy("deadline", "Reason"), widget=forms.Textarea(attrs={"rows": 2})
    )
