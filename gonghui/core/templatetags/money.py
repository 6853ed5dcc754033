from decimal import Decimal

from django import template

from gonghui.core.money import fmt_yuan

register = template.Library()


@register.filter
def yuan(amount) -> str:
    """36000 → 36,000; 7668.71 → 7,668.71; nothing → —."""
    if amount is None or amount == "":
        return "—"
    return fmt_yuan(amount)


@register.filter
def cell(value) -> str:
    """A table cell: amounts and counts with thousands separators (2,014), a percentage (one
    decimal place, from core.money.percent) as it is, nothing as —."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return f"{value:,}" if value.as_tuple().exponent == -1 else fmt_yuan(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return value
