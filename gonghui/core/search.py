"""Staff searches that may carry an ID number. An ID number must never land in a URL (web
server access logs, browser history, the Referer header): search forms are POSTed, and a GET
whose query carries one is not run. Pagination links are GETs that carry the other filters."""

import re

from django.contrib import messages
from django.http import QueryDict
from django.utils.translation import gettext as _

from gonghui.core import idnumber

# 15 digits in a row: an ID number (old or new), whole or nearly, or a bank card.
_NUMBER = re.compile(r"\d{15}")


def carries_id_number(text) -> bool:
    return bool(_NUMBER.search(idnumber.normalize(str(text or ""))))


def id_in_url_message() -> str:
    return _(
        "ID numbers are not searched from a web address (it would be kept in logs). Type the "
        "number in the search box and press Search."
    )


def refuse_id_in_query(params, field: str = "q", post_url: str = "") -> None:
    """For the API: a GET whose query carries an ID number is answered 400, pointing to the
    POST search when there is one."""
    from rest_framework.exceptions import ValidationError

    if carries_id_number(params.get(field)):
        message = _("ID numbers are not searched from a web address (it would be kept in logs).")
        if post_url:
            message += " " + _("POST the search to %(url)s.") % {"url": post_url}
        raise ValidationError({field: [message]})


def search_data(request, fields=("q",)) -> QueryDict:
    """The search's data: the POST body, or the query string of a GET without the fields
    that carry an ID number (the page then says why they were dropped)."""
    if request.method == "POST":
        return request.POST
    data = request.GET
    dropped = [name for name in fields if carries_id_number(data.get(name))]
    if dropped:
        data = data.copy()
        for name in dropped:
            data.pop(name)
        messages.error(request, id_in_url_message())
    return data


def page_query(data: QueryDict, names) -> str:
    """The filters a pagination link carries: never one that carries an ID number."""
    query = QueryDict(mutable=True)
    for name in names:
        if data.get(name) and not carries_id_number(data[name]):
            query[name] = data[name]
    return query.urlencode()
