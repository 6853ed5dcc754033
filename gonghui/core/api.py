from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.pagination import PageNumberPagination
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

# The largest id a column holds (SQLite INTEGER, PostgreSQL bigint): a larger number in a
# query is not "not found" but an OverflowError inside the database driver.
ID_MAX = 2**63 - 1


class IdField(serializers.IntegerField):
    """An object's id given as input (in a body or a query string)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


class ErrorDetailSerializer(serializers.Serializer):
    """How DRF answers 401, 403 and 404 (see gonghui/core/openapi.py)."""

    detail = serializers.CharField()


def known(queryset, pk, field: str):
    """The object an input field names, among those the user may use; an unknown one is a
    400 naming the field (the operation's path names nothing that could be "not found")."""
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise serializers.ValidationError({field: [_("Not found, or outside your area.")]})
    return found


def read_query(serializer_class, request) -> dict:
    """A list's filters read through a serializer: a wrong value is refused (400, with the
    serializer's Chinese message), never ignored nor left to fail inside a query. Declare
    the same serializer as the operation's `parameters` so the schema lists the filters."""
    serializer = serializer_class(data=request.query_params, context={"request": request})
    serializer.is_valid(raise_exception=True)
    return {key: value for key, value in serializer.validated_data.items() if value is not None}


def exception_handler(exc, context):
    """Model and service ValidationErrors become 400s with their (Chinese) messages; so does
    a request over Django's limits (size, number of fields or files), in JSON like any other
    refusal rather than Django's HTML error page."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = serializers.ValidationError(detail)
    elif isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        exc = ParseError(_("The request is too large, or has too many fields or files."))
    return drf_exception_handler(exc, context)


class Pagination(PageNumberPagination):
    """DRF's page numbers, but a `page` that is given must be a page number: an empty one is
    not read as the first page (nor "last" as the last), it is not found."""

    last_page_strings = ()

    def get_page_number(self, request, paginator):
        return request.query_params.get(self.page_query_param, 1)


class Router(DefaultRouter):
    """Objects are named by their integer id (Django's `int` path converter): a path such as
    `/api/hardship/files/abc/` matches no route (a 404) instead of reaching a lookup that
    fails inside the view, and the schema says `integer`. A viewset may still set its own
    `lookup_value_converter`. No `.json` suffixes: JSON is the only format."""

    include_format_suffixes = False

    def __init__(self):
        super().__init__(use_regex_path=False)

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        lookup_field = getattr(viewset, "lookup_field", "pk")
        lookup_url_kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
        converter = getattr(viewset, "lookup_value_converter", "int")
        return f"<{converter}:{lookup_prefix}{lookup_url_kwarg}>"


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any other address under /api/: JSON, as the API's own 404s, not the HTML page."""
    return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
