"""{% deadline_badge deadline %}: the green / amber / red badge of a deadline, with its due
time; {% deadline_for "claims.claim" claim.pk "review" as deadline %} finds an object's."""

from django import template
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from gonghui.deadlines import selectors

register = template.Library()

LABELS = {
    selectors.GREEN: pgettext_lazy("deadline", "On time"),
    selectors.AMBER: pgettext_lazy("deadline", "Due soon"),
    selectors.RED: pgettext_lazy("deadline", "Late"),
    selectors.MET: pgettext_lazy("deadline", "Met"),
}
CLASSES = {
    selectors.GREEN: "text-bg-success",
    selectors.AMBER: "text-bg-warning",
    selectors.RED: "text-bg-danger",
    selectors.MET: "text-bg-secondary",
}


@register.inclusion_tag("deadlines/_badge.html")
def deadline_badge(deadline, now=None):
    if deadline is None:
        return {"deadline": None}
    state = selectors.state_of(deadline, now)
    return {
        "deadline": deadline,
        "state": state,
        "label": LABELS[state],
        "css": CLASSES[state],
        # The last moment allowed, shown as the day before midnight for working-day ones.
        "due": timezone.localtime(deadline.due_at),
    }


@register.simple_tag
def deadline_for(owner, object_id, purpose):
    return selectors.deadline_of(owner, object_id, purpose)
