from django import template
from django.utils.translation import gettext as _

from gonghui.claims import access
from gonghui.claims.models import MEMBER_LABELS, MaterialKind
from gonghui.claims.selectors import PROMISE
from gonghui.claims.services import REJECT_REASONS
from gonghui.core.money import fmt_yuan
from gonghui.mutual_aid.models import PLAN_SHORT_LABELS

register = template.Library()


@register.simple_tag(takes_context=True)
def claims_nav(context) -> dict:
    """What the staff menu offers this user about claims."""
    user = context["request"].user
    return {
        "can_pay": access.can_pay(user),
        "can_file": access.can_file_for_members(user),
        "can_edit_templates": access.can_edit_templates(user),
    }


@register.filter
def yuan(amount) -> str:
    return "" if amount is None else fmt_yuan(amount)


@register.filter
def waited(since, now) -> str:
    """How long a claim has waited, in days and hours."""
    hours = int((now - since).total_seconds() // 3600)
    days, hours = divmod(hours, 24)
    if days:
        return _("%(days)d d %(hours)d h") % {"days": days, "hours": hours}
    return _("%(hours)d h") % {"hours": hours}


@register.filter
def material_label(kind) -> str:
    return str(MaterialKind(kind).label) if kind in MaterialKind.values else kind


@register.filter
def member_status(status) -> str:
    return str(MEMBER_LABELS.get(status, status))


@register.filter
def reason_text(code) -> str:
    return str(REJECT_REASONS.get(code, code))


@register.filter
def overdue(since, now) -> bool:
    """Waiting longer than the two days of seed 002's promise."""
    return now - since > PROMISE


@register.filter
def plan_label(plan) -> str:
    return str(PLAN_SHORT_LABELS.get(plan, plan))
