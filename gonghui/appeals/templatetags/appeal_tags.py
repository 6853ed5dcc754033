"""`{% appeal_box kind object_id %}` on a member page showing a refused item: the 申诉 button
while the refusal can be appealed, or the appeal's state once made."""

from django import template

from gonghui.appeals import registry, selectors

register = template.Library()


@register.inclusion_tag("appeals/_box.html")
def appeal_box(kind, object_id):
    appeal = selectors.appeal_of(kind, object_id) if object_id else None
    refusal = None
    if appeal is None and object_id:
        kind_def = registry.get(kind)
        refusal = kind_def.refusal(object_id) if kind_def else None
    return {"appeal": appeal, "refusal": refusal}
