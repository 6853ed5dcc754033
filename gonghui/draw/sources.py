"""Where a draw's entrants come from. An owner app (activities, lotteries, later housing)
registers a source once, under a prefix, and creates its draws with `source="<prefix>:<key>"`:
the staff page's "freeze" button then asks the source for the entrants in entry order, and
links back to the owner's page. A draw without a source takes a pasted list (name,mobile)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured

# entrants(key) → [(ref, name, mobile), ...] in entry order (ties by entry id)
Entrants = Callable[[str], list[tuple[str, str, str]]]


@dataclass(frozen=True)
class EntrantSource:
    prefix: str
    entrants: Entrants
    owner_url: Callable[[str], str | None] | None = None  # the owner's page for `key`


_sources: dict[str, EntrantSource] = {}


def register(source: EntrantSource) -> EntrantSource:
    if ":" in source.prefix or not source.prefix:
        raise ImproperlyConfigured(f"bad draw source prefix {source.prefix!r}")
    if source.prefix in _sources and _sources[source.prefix] != source:
        raise ImproperlyConfigured(f"draw source {source.prefix!r} is registered twice")
    _sources[source.prefix] = source
    return source


def unregister(prefix: str) -> None:
    _sources.pop(prefix, None)


def for_draw(draw) -> tuple[EntrantSource, str] | None:
    """The registered source of a draw and its key, or None (no source, or not registered)."""
    prefix, sep, key = (draw.source or "").partition(":")
    if not sep or prefix not in _sources:
        return None
    return _sources[prefix], key


def owner_url(draw) -> str | None:
    found = for_draw(draw)
    if found is None or found[0].owner_url is None:
        return None
    return found[0].owner_url(found[1])
