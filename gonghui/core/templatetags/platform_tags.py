"""The staff menu and its help links, read from the service registry."""

from django import template

from gonghui.core import menus

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_menu(context) -> list:
    return menus.staff_menu(context["request"])


@register.simple_tag(takes_context=True)
def help_links(context) -> list:
    return menus.help_links(context["request"])
