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
    related object still takes the same branch; shown, it stands out."""

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
# A run of ASCII letters and digits; one with a digit is a code (BX000123, a credit code),
# not a word.
TOKEN = re.compile(r"[A-Za-z0-9]+")

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
        if self._hidden:
            return
        for name in ("placeholder", "title", "alt", "aria-label"):
            if attrs.get(name):
                self.text.append(attrs[name])
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.text.append(attrs["value"])

    def handle_endtag(self, tag):
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
            token
            for token in TOKEN.findall(text)
            if len(token) > 1 and token.isalpha() and token not in ALLOWED_WORDS
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


def view_name(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return path
    return match.view_name or match.route


@dataclass
class Crawl:
    pages: int = 0
    requests: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)


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
            missing = sorted(set(re.findall(re.escape(INVALID_PREFIX) + r"([^@]*)@@", html)))
            result.problems.append(f"{path}: template variables missing {missing}")
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
            name = view_name(target)
            if per_view[name] >= PER_VIEW:
                continue
            per_view[name] += 1
            queue.append(target)
    result.seconds = time.monotonic() - began
    return result
