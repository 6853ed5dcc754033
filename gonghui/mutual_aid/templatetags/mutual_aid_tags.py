from django import template

from gonghui.core.money import fmt_yuan

register = template.Library()


@register.filter
def yuan(amount) -> str:
    """7668.71 → 7,668.71; 4601 → 4,601."""
    return fmt_yuan(amount)
