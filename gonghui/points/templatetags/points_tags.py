from django import template
from django.utils import timezone

from gonghui.points import selectors

register = template.Library()


@register.inclusion_tag("points/portal/_covers.html")
def points_covers(user):
    """The accident cover a member redeemed with coins, for their mutual-aid page."""
    member = selectors.my_member(user)
    covers = list(selectors.covers_for_member(member)) if member else []
    return {"covers": covers, "today": timezone.localdate()}
