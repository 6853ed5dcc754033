"""What each service publishes about a member (公示, showcases), declared by the app.

An app registers, in its `services_registry.py`::

    from gonghui.consent.registry import Publication, register

    register(Publication(
        service="hardship",
        fields=("name_masked", "union", "tier"),     # what will be published
        text=hardship_publication_text,              # member → the exact Chinese text shown
    ))

The apply form shows `text(member)` (consent.forms.add_consent_fields); the service refuses an
application without the member's agreement to that very text (consent.services) and records
it; what the app publishes later is built from the recorded `fields` only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Publication:
    service: str
    fields: tuple[str, ...]
    text: Callable[[object], str]


_publications: dict[str, Publication] = {}


def register(publication: Publication) -> Publication:
    if publication.service in _publications:
        raise ImproperlyConfigured(f"publication {publication.service!r} is registered twice")
    _publications[publication.service] = publication
    return publication


def get(service: str) -> Publication:
    try:
        return _publications[service]
    except KeyError:
        raise ImproperlyConfigured(f"no publication {service!r} is registered") from None
