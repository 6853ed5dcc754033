from django import template

from gonghui.core.money import fmt_yuan
from gonghui.mutual_aid import access

register = template.Library()


@register.filter
def yuan(amount) -> str:
    """7668.71 → 7,668.71; 4601 → 4,601."""
    return fmt_yuan(amount)


@register.filter
def may_enroll(user) -> bool:
    """Whether the period tabs offer enrollment to this user."""
    return access.can_enroll(user)
