"""{% contracts_home_items as items %}: the late steps of the filing clock, renewals due in 60
days and requests to bargain without reply in time, for the staff home."""

from django import template
from django.utils import timezone

from gonghui.contracts import access, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def contracts_home_items(context):
    user = context["request"].user
    if not access.can_read(user):
        return {}
    today = timezone.localdate()
    targets = selectors.targets_visible_to(user).filter(
        reply="", sent_on__isnull=False, campaign__year=today.year
    )
    return {
        "late": selectors.late_contracts(user, today)[:10],
        "renewals": [r for r in selectors.renewals_due(user, today, within=60)][:10],
        "no_reply": [
            t for t in targets.select_related("enterprise", "campaign") if t.no_reply(today)
        ][:10],
    }
