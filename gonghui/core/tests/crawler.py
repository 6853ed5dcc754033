"""A crawler for the crawl tests: from a signed-in client's home, follow every same-site link
(GET), and note each page that answers >= 400, shows a template variable that does not exist,
or shows English words to the user."""

import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.urls import Resolver404, resolve


class Missing(str):
    """What a template shows for a variable that does not exist, while the crawl runs. False
    like the empty string Django shows otherwise, so `{% if record.notice %}` on a missing
    related object still takes the same branch and `{{ width|default:6 }}` still gives 6;
    shown, it stands out."""

    def __bool__(self):
        return False


INVALID_MARKER = Missing("@@TEMPLATE-VARIABLE-MISSING:%s@@")
INVALID_PREFIX = "@@TEMPLATE-VARIABLE-MISSING:"

# Words users meet in Chinese pages as they are: names of formats, standards and products.
ALLOWED_WORDS = frozenset(
    {
        "PDF",
        "Excel",
        "API",
        "QR",
        "TOTP",
        "OpenAPI",
        "ID",
        "SMS",
        "CSV",
        "YAML",
        "UTF",
        "GBK",
        "xlsx",
        "csv",
        "pdf",
        "WeChat",
        "App",
        "HTTP",
        "JSON",
        "URL",
        "IP",
        "TNM",
        "ICD",
    }
)
# A run of ASCII letters and digits, hyphenated parts held together; one with a digit is a
# code (BX000123, a credit code, a certificate number LQ-2026-001, GH-DRAW-1, SHA-256), not a
# word.
TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")

# Computer text shown as it is typed (an API's field names, a header): not prose.
CODE_TAGS = frozenset({"code", "kbd", "samp"})
HIDDEN_TAGS = frozenset({"script", "style", "template", "noscript"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
# Pages a crawl does not open: signing out ends the session the crawl uses.
SKIP_PATHS = ("/accounts/logout/", "/m/logout/", "/static/")
# At most this many distinct addresses per URL name (detail pages, filters, pagination): the
# crawl sees every kind of page without opening all 2000 members.
PER_VIEW = 6


class PageText(HTMLParser):
    """The text a user sees, and the links a user can follow."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._untranslated: list[str] = []
        # Export buttons (forms with data-export): (method, action, fields).
        self.exports: list[tuple[str, str, list[tuple[str, str]]]] = []
        self._export: tuple[str, str, list[tuple[str, str]]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in HIDDEN_TAGS:
            self._hidden += 1
        elif (attrs.get("translate") == "no" or tag in CODE_TAGS) and tag not in VOID_TAGS:
            # Shown as stored, never translated: sign-in names, the API's field names.
            self._untranslated.append(tag)
            self._hidden += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form" and "data-export" in attrs:
            self._export = ((attrs.get("method") or "get").lower(), attrs.get("action") or "", [])
        elif (
            self._export is not None
            and attrs.get("name")
            and (tag == "button" or (tag == "input" and attrs.get("type") == "hidden"))
        ):
            self._export[2].append((attrs["name"], attrs.get("value") or ""))
        if self._hidden:
            return
        for name in ("placeholder", "title", "alt", "aria-label"):
            if attrs.get(name):
                self.text.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.text.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form" and self._export is not None:
            self.exports.append(self._export)
            self._export = None
        if tag in HIDDEN_TAGS and self._hidden:
            self._hidden -= 1
        elif self._untranslated and tag == self._untranslated[-1]:
            # (elements nested in a translate="no" one of the same tag are not expected)
            self._untranslated.pop()
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def english_words(text: str) -> list[str]:
    return sorted(
        {
            part
            for token in TOKEN.findall(text)
            if not any(character.isdigit() for character in token)
            for part in token.split("-")
            if len(part) > 1 and part not in ALLOWED_WORDS
        }
    )


def same_site(base: str, href: str) -> str | None:
    href = href.strip()
    if not href or href.startswith(("#", "mailto:", "tel:", "javascript:", "data:")):
        return None
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in {"", "http"} or parts.netloc not in {"", "testserver"}:
        return None
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if path.startswith(SKIP_PATHS):
        return None
    return path


def view_kind(path: str) -> str:
    """A URL name and the names of its query's parameters: one kind of page (a detail page,
    a list's second page, a list filtered by union)."""
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return path
    keys = sorted({pair.split("=")[0] for pair in parts.query.split("&") if pair})
    return f"{match.view_name or match.route}?{','.join(keys)}"


SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export(client, path: str, method: str, fields, result: "Crawl") -> None:
    """Press a list's 导出 Excel button (once per list): it answers a spreadsheet."""
    key = (path.split("?")[0], method)
    if key in result.exported:
        return
    result.exported.add(key)
    path = path.split("?")[0] if method == "get" else path
    try:
        if method == "post":
            response = client.post(path, dict(fields))
        else:
            response = client.get(path, dict(fields))
    except Exception as exc:  # noqa: BLE001 - reported like a page's
        result.problems.append(f"export {path}: raises {type(exc).__name__}: {exc}"[:400])
        return
    result.requests += 1
    result.exports += 1
    result.statuses[response.status_code] += 1
    if response.status_code >= 400:
        result.problems.append(f"export {path}: answers {response.status_code}")
    elif response.get("Content-Type") != SPREADSHEET:
        result.problems.append(f"export {path}: answers {response.get('Content-Type')}")


@dataclass
class Crawl:
    pages: int = 0
    exports: int = 0
    requests: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    exported: set = field(default_factory=set)


def crawl(client, start: str, limit: int = 400) -> Crawl:
    result = Crawl()
    began = time.monotonic()
    queue = deque([start])
    seen = {start}
    per_view = Counter()
    while queue and result.pages < limit:
        path = queue.popleft()
        hops = 0
        while True:
            try:
                response = client.get(path)
            except Exception as exc:  # noqa: BLE001 - the crawl reports it and walks on
                response = None
                result.problems.append(f"{path}: raises {type(exc).__name__}: {exc}"[:400])
            result.requests += 1
            if response is None or response.status_code not in {301, 302, 303, 307, 308}:
                break
            target = same_site(path, response["Location"])
            if target is None or hops >= 5:
                break
            path = target
            hops += 1
        if response is None:
            result.pages += 1
            continue
        result.pages += 1
        result.statuses[response.status_code] += 1
        if response.status_code >= 400:
            result.problems.append(f"{path}: answers {response.status_code}")
            continue
        content_type = response.get("Content-Type", "")
        if "text/html" not in content_type:
            continue
        html = response.content.decode()
        if INVALID_PREFIX in html:
            # (Django formats the marker with the variable's name only when the marker is
            # true; ours is false, so `|default` still works: the page shows where.)
            where = html[max(0, html.index(INVALID_PREFIX) - 80) : html.index(INVALID_PREFIX)]
            result.problems.append(
                f"{path}: shows a template variable that does not exist, after {where!r}"
            )
            html = re.sub(re.escape(INVALID_PREFIX) + r"[^@]*@@", "", html)
        parser = PageText()
        parser.feed(html)
        words = english_words(" ".join(parser.text))
        if words:
            result.problems.append(f"{path}: English words {words}")
        for href in parser.links:
            target = same_site(path, href)
            if target is None:
                continue
            if target in seen:
                continue
            seen.add(target)
            kind = view_kind(target)
            if per_view[kind] >= PER_VIEW:
                continue
            per_view[kind] += 1
            queue.append(target)
        for method, action, fields in parser.exports:
            _export(client, same_site(path, action) or path, method, fields, result)
    result.seconds = time.monotonic() - began
    return result
