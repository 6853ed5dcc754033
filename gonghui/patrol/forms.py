from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.forms import TableFileField


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


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RouteForm(StaffForm):
    name = forms.CharField(label=pgettext_lazy("patrol", "name"), max_length=64)
    area = forms.CharField(label=_("area (town or street)"), max_length=64, required=False)
    expected_minutes = forms.IntegerField(label=_("expected minutes"), initial=120)
    points = forms.IntegerField(
        label=pgettext_lazy("patrol", "points"), initial=20, min_value=0, max_value=1000
    )
    auto_approve = forms.BooleanField(
        label=_("approve complete patrols automatically"), required=False
    )


class CheckpointForm(StaffForm):
    name = forms.CharField(label=pgettext_lazy("patrol", "name"), max_length=64)
    lat = forms.CharField(label=_("latitude"), max_length=20)
    lng = forms.CharField(label=_("longitude"), max_length=20)
    radius = forms.IntegerField(label=_("radius (metres)"), initial=100)


class SlotsForm(StaffForm):
    first = forms.DateField(label=_("first day"), widget=DATE)
    last = forms.DateField(label=_("last day"), widget=DATE)
    capacity = forms.IntegerField(
        label=pgettext_lazy("patrol", "places"), required=False, min_value=1, max_value=500
    )


class ImportForm(StaffForm):
    file = TableFileField()


class RulesForm(StaffForm):
    capacity = forms.IntegerField(label=_("patrollers per slot"), min_value=1, max_value=500)
    open_days = forms.IntegerField(label=_("sign-up opens days ahead"), min_value=0, max_value=30)
    free_cancel_hours = forms.IntegerField(
        label=_("free cancellation until hours before"), min_value=0, max_value=72
    )
    per_day = forms.IntegerField(label=_("slots a member may hold a day"), min_value=1, max_value=3)
    no_show_limit = forms.IntegerField(label=_("no-shows before a lock"), min_value=1, max_value=10)
    no_show_days = forms.IntegerField(
        label=_("no-shows counted over days"), min_value=1, max_value=365
    )
    lock_days = forms.IntegerField(label=_("lock lasts days"), min_value=0, max_value=365)
    retention_days = forms.IntegerField(label=_("positions kept days"), min_value=1, max_value=730)
    min_share = forms.IntegerField(
        label=_("shortest patrol, per cent of the expected duration"), min_value=0, max_value=100
    )
