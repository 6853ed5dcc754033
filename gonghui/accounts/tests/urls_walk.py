"""Every URL the project answers, as a concrete path a test client can request: walked from
the URL resolver (DRF's router included), so a new page or endpoint is covered the day it is
added. Path parameters get the first sample value their pattern accepts."""

import itertools
import re
from dataclasses import dataclass

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.regex_helper import normalize

from gonghui.core import registry

# Sign-in pages anyone may open, and the bureau's push (a machine key, not a person).
PUBLIC = {
    "home",
    "accounts:login",
    "accounts:otp",
    "accounts:logout",
    "portal:login",
    "admin:login",
    "admin:logout",
    "api-medinsure-push",
    # A fair draw's public verification page and its frozen list (fair-draw.md: no sign-in).
    "draw_public",
    "draw_public_list",
    # An issued document's check page: whoever holds the paper scans its QR (no sign-in).
    "document_verify",
    # The craftsman public notice (公示) and showcase (匠心馆); its certificates are documents.
    "craftsman_public:notice",
    "craftsman_public:showcase",
    # A dispute's follow-up by its code and the filer's mobile (grid-mediation.md: no sign-in).
    "grid_portal:track",
    # A rating programme's public notice of the unions to be named.
    "ratings_public:notice",
}


@dataclass(frozen=True)
class Endpoint:
    path: str
    name: str

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")


def _patterns(patterns, prefix="", namespace=""):
    for pattern in patterns:
        regex = pattern.pattern.regex.pattern.removeprefix("^")
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, prefix + regex, inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + regex, f"{namespace}{pattern.name or pattern.lookup_str}"


def _samples(param: str, overrides: dict) -> list[str]:
    if param in overrides:
        return [str(overrides[param])]
    if param == "format":
        return ["json", ".json"]
    if param == "key":  # a service's key (core.services_api.ServiceKeyConverter)
        return [service.key for service in registry.all_services()]
    if param == "app_label":
        return sorted({model._meta.app_label for model in admin.site._registry})
    if param == "code":  # a certificate's code (a UUID)
        return ["00000000-0000-0000-0000-000000000000"]
    return ["1", "json", ".json", "abc"]


def endpoints(**overrides) -> list[Endpoint]:
    """One path per URL pattern (the first form Django's reverse would produce). Raises if a
    pattern accepts none of the sample values: add one here rather than skip the URL."""
    found, unfilled = {}, []
    for regex, name in _patterns(get_resolver().url_patterns):
        compiled = re.compile("^" + regex)
        for template, params in normalize("^" + regex):
            path = next(
                (
                    candidate
                    for values in itertools.product(*(_samples(p, overrides) for p in params))
                    if compiled.match(
                        candidate := template % dict(zip(params, values, strict=True))
                    )
                ),
                None,
            )
            if path is not None:
                found.setdefault("/" + path, Endpoint("/" + path, name))
                break
        else:
            unfilled.append(regex)
    if unfilled:
        raise AssertionError(f"no sample value fits: {unfilled}")
    return sorted(found.values(), key=lambda endpoint: endpoint.path)


def protected(**overrides) -> list[Endpoint]:
    return [endpoint for endpoint in endpoints(**overrides) if endpoint.name not in PUBLIC]
