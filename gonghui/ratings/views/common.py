"""What the staff views share."""

import yaml
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError

from gonghui.core.imports import error_text

SERVICE = "ratings"
NUMBERS = {"cap", "points", "min", "min_service_years", "adjust_cap"}


def _number(text):
    try:
        number = float(text)
    except (TypeError, ValueError):
        return text
    return int(number) if number.is_integer() else number


def _numbers(value):
    if isinstance(value, dict):
        return {k: (_number(v) if k in NUMBERS else _numbers(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return value


def rules_yaml(rules: dict) -> str:
    return yaml.safe_dump(_numbers(rules), allow_unicode=True, sort_keys=False)


def run(request, write, success: str):
    """Call a service; show its Chinese message on refusal, `success` otherwise."""
    try:
        result = write()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, error_text(exc) if isinstance(exc, ValidationError) else str(exc))
        return None
    messages.success(request, success)
    return result if result is not None else True
