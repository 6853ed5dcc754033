from django import template

from gonghui.core.money import fmt_yuan

register = template.Library()


@register.filter
def yuan(amount) -> str:
    """36000 → 36,000; 666.67 → 666.67; nothing → —."""
    if amount is None or amount == "":
        return "—"
    return fmt_yuan(amount)
