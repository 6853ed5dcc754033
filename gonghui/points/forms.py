from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.activities.forms import DATE, StaffForm
from gonghui.points.models import ProductKind


class ProductForm(StaffForm):
    kind = forms.ChoiceField(label=pgettext_lazy("points", "kind"), choices=ProductKind.choices)
    name = forms.CharField(label=pgettext_lazy("points", "name"), max_length=128)
    description = forms.CharField(
        label=pgettext_lazy("points", "description"), required=False, widget=forms.Textarea
    )
    price = forms.IntegerField(label=pgettext_lazy("points", "price in coins"), min_value=1)
    stock = forms.IntegerField(label=pgettext_lazy("points", "stock"), min_value=0)
    per_member_limit = forms.IntegerField(
        label=pgettext_lazy("points", "limit per member"), min_value=1, initial=1
    )
    valid_from = forms.DateField(label=pgettext_lazy("points", "on sale from"), widget=DATE)
    valid_until = forms.DateField(label=pgettext_lazy("points", "on sale until"), widget=DATE)
    order_valid_days = forms.IntegerField(
        label=_("days an order stays valid"), min_value=1, initial=90
    )
    batch = forms.IntegerField(
        label=_("activity batch (for a voucher)"),
        required=False,
        widget=forms.Select,
    )

    def __init__(self, *args, batches=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "—")] + [(b.pk, str(b)) for b in batches]
        self.fields["batch"].widget.choices = choices


class AdjustForm(StaffForm):
    points = forms.IntegerField(label=pgettext_lazy("points", "points"), initial=0)
    coins = forms.IntegerField(label=pgettext_lazy("points", "coins"), initial=0)
    reason = forms.CharField(label=pgettext_lazy("points", "reason"), max_length=255)


class RateForm(StaffForm):
    points_per_coin = forms.IntegerField(
        label=pgettext_lazy("points", "points per coin"), min_value=1
    )
    valid_from = forms.DateField(label=pgettext_lazy("points", "valid from"), widget=DATE)
