from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import pgettext

from gonghui.contracts import access
from gonghui.core.imports import error_text

KEY = "contracts"


def readable(request) -> None:
    if not access.can_read(request.user):
        raise PermissionDenied


def run(request, write, done=None) -> bool:
    """Do a write; a refusal becomes the page's message, nothing changed."""
    try:
        write()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        return False
    messages.success(request, done or pgettext("contracts", "Saved."))
    return True


def form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}：{error}" if label else error)
