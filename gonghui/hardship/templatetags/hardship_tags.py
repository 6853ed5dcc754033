from django import template

from gonghui.core.templatetags.money import yuan

register = template.Library()
# One formatting of yuan for the whole project (gonghui.core.templatetags.money).
register.filter("yuan", yuan)


@register.inclusion_tag("hardship/_member_actions.html", takes_context=True)
def hardship_actions(context, member):
    """On a member's staff page: their open hardship file, or the button that opens the new
    file form for them (no ID number to type)."""
    from gonghui.hardship import access, selectors
    from gonghui.hardship.models import Status

    user = context["request"].user
    file = (
        selectors.files_visible_to(user).filter(member=member).exclude(status=Status.CLOSED).first()
    )
    return {
        "member": member,
        "file": file,
        "can_open": file is None and access.can_keep_files(user),
    }
