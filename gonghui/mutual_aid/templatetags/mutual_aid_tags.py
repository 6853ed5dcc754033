from django import template

from gonghui.core.templatetags.money import yuan
from gonghui.mutual_aid import access

register = template.Library()
# One formatting of yuan for the whole project (gonghui.core.templatetags.money).
register.filter("yuan", yuan)


@register.filter
def may_enroll(user) -> bool:
    """Whether the period tabs offer enrollment to this user."""
    return access.can_enroll(user)
