"""The Excel files of the ledger, the catalogue and the orders (core.exports)."""

from django.utils.translation import pgettext_lazy

from gonghui.core.exports import Column, ListExport, choice_label
from gonghui.points.models import EntryKind, OrderStatus, ProductKind

KIND, STATUS, PRODUCT_KIND = (
    choice_label(EntryKind),
    choice_label(OrderStatus),
    choice_label(ProductKind),
)

ENTRIES = ListExport(
    title=pgettext_lazy("points", "Points ledger"),
    columns=(
        Column(pgettext_lazy("points column", "Time"), 18, value=lambda e: e.created_at),
        Column(pgettext_lazy("points column", "Member"), 12, value=lambda e: e.member.name),
        Column(pgettext_lazy("points column", "Union"), 24, value=lambda e: e.member.union.name),
        Column(pgettext_lazy("points column", "Kind"), 10, value=lambda e: KIND(e.kind)),
        Column(pgettext_lazy("points column", "Points"), 10, value=lambda e: e.points),
        Column(pgettext_lazy("points column", "Coins"), 10, value=lambda e: e.coins),
        Column(pgettext_lazy("points column", "Reason"), 30, value=lambda e: e.reason),
        Column(pgettext_lazy("points column", "Key"), 24, value=lambda e: e.key),
        Column(
            pgettext_lazy("points column", "By"),
            12,
            value=lambda e: (e.actor.display_name or e.actor.username) if e.actor_id else "",
        ),
    ),
)

PRODUCTS = ListExport(
    title=pgettext_lazy("points", "Coin catalogue"),
    sensitive=False,
    columns=(
        Column(pgettext_lazy("points column", "Product"), 24, value=lambda p: p.name),
        Column(pgettext_lazy("points column", "Kind"), 12, value=lambda p: PRODUCT_KIND(p.kind)),
        Column(pgettext_lazy("points column", "Price"), 10, value=lambda p: p.price),
        Column(pgettext_lazy("points column", "Stock"), 10, value=lambda p: p.stock),
        Column(pgettext_lazy("points column", "Limit"), 10, value=lambda p: p.per_member_limit),
        Column(pgettext_lazy("points column", "From"), 12, value=lambda p: p.valid_from),
        Column(pgettext_lazy("points column", "Until"), 12, value=lambda p: p.valid_until),
    ),
)

ORDERS = ListExport(
    title=pgettext_lazy("points", "Coin orders"),
    columns=(
        Column(pgettext_lazy("points column", "Code"), 14, value=lambda o: o.code),
        Column(pgettext_lazy("points column", "Product"), 24, value=lambda o: o.product.name),
        Column(pgettext_lazy("points column", "Member"), 12, value=lambda o: o.member.name),
        Column(pgettext_lazy("points column", "Union"), 24, value=lambda o: o.member.union.name),
        Column(pgettext_lazy("points column", "Coins"), 10, value=lambda o: o.price),
        Column(pgettext_lazy("points column", "Status"), 10, value=lambda o: STATUS(o.status)),
        Column(pgettext_lazy("points column", "Time"), 18, value=lambda o: o.created_at),
        Column(pgettext_lazy("points column", "Valid until"), 12, value=lambda o: o.valid_until),
    ),
)
