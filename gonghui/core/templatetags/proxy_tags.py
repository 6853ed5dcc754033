"""The 代办 badge: `{% load proxy_tags %}{% proxy_badge event.on_behalf %}` on member progress
pages and staff lists (core/proxy.py). Renders nothing when the flag is false."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def proxy_badge(flag, who=None):
    if not flag:
        return ""
    title = _("Done for the member by union staff")
    if who:
        title = _("Done for the member by %(who)s") % {"who": who}
    return format_html(
        '<span class="badge text-bg-warning proxy-badge" data-proxy="1" title="{}" '
        'style="background:#fff3cd;color:#8a6100;border:1px solid #f0c36d;border-radius:4px;'
        'padding:1px 6px;font-size:12px;font-weight:normal">{}</span>',
        title,
        pgettext("proxy badge", "By staff"),
    )
