from django import template

from gonghui.core.templatetags.money import yuan

register = template.Library()
# One formatting of yuan for the whole project (gonghui.core.templatetags.money).
register.filter("yuan", yuan)
