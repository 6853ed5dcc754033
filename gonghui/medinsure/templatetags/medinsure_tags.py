from django import template

from gonghui.medinsure import access, selectors

register = template.Library()


@register.simple_tag
def can_configure_link(user) -> bool:
    """Whether the staff user keeps a federation's column mapping and API keys."""
    return any(access.can_configure(user, f) for f in selectors.federations_run_by(user))


@register.simple_tag
def pending_benefits(user) -> dict:
    """The member's notices waiting for them: how many and about how much."""
    notices = list(selectors.my_pending_notices(user).values_list("total", flat=True))
    return {"count": len(notices), "amount": sum(notices)}
