"""{% export_button %}: the "Export to Excel" button of a staff list. It resends the filters
the page was shown with (the POST body of a search, or the query string of a GET), so the
file holds exactly the rows of the page, all its pages."""

from django import template

from gonghui.core.search import carries_id_number

register = template.Library()
NOT_FILTERS = frozenset({"page", "export", "csrfmiddlewaretoken"})


@register.inclusion_tag("staff/_export_button.html", takes_context=True)
def export_button(context, method="post", key="xlsx"):
    """`method` is the page's own search method: "post" where an ID number may be typed in the
    search box (it then travels in the body, never in a URL), "get" for pages filtered by
    links."""
    request = context["request"]
    source = request.POST if request.method == "POST" else request.GET
    fields = [
        (name, value)
        for name, values in source.lists()
        if name not in NOT_FILTERS
        for value in values
        # A GET never ran a search by ID number (core.search drops it): neither does its export.
        if not (carries_id_number(value) and (source is request.GET or method == "get"))
    ]
    return {
        "method": method,
        "fields": fields,
        "key": key,
        "csrf_token": context.get("csrf_token"),
    }
