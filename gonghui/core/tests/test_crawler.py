"""The crawler the crawl tests use finds what it is there to find: an error status behind a
link, a template variable that does not exist, English words a user would read."""

import pytest
from django.test import Client

from gonghui.core.tests import crawler


@pytest.fixture
def site(settings):
    settings.ROOT_URLCONF = "gonghui.core.tests.crawl_urls"
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["OPTIONS"] = {
        **templates[0]["OPTIONS"],
        "string_if_invalid": crawler.INVALID_MARKER,
    }
    settings.TEMPLATES = templates


@pytest.mark.django_db
def test_crawl_reports_each_fault_and_only_those(site):
    client = Client(raise_request_exception=False)
    result = crawler.crawl(client, "/")
    assert sorted(result.problems) == [
        "/english/: English words ['Status']",
        "/forbidden/: answers 403",
        "/missing/: shows a template variable that does not exist, after '<p>姓名：'",
    ]
    # /, /fine/, /fine/?page=2, /english/, /forbidden/, /missing/, /data/; never example.com
    assert result.pages == 7


@pytest.mark.django_db
def test_crawl_stops_at_its_bound(site):
    result = crawler.crawl(Client(raise_request_exception=False), "/", limit=3)
    assert result.pages == 3


def test_crawl_reads_codes_and_allowed_words_as_no_english():
    assert crawler.english_words("申请号 BX000123，代码 91330100XT1234567Q，导出 Excel、PDF") == []
    assert crawler.english_words("状态 Applied，Name 与 code") == ["Applied", "Name", "code"]


def test_crawl_hides_scripts_and_untranslated_data_but_reads_titles():
    parser = crawler.PageText()
    parser.feed(
        '<script>let a = "hidden"</script><td translate="no">union</td><code>api_key</code>'
        '<input placeholder="Search"><button title="Export">导出</button>'
    )
    assert crawler.english_words(" ".join(parser.text)) == ["Export", "Search"]


def test_crawl_missing_marker_is_false_like_an_empty_string():
    assert not crawler.INVALID_MARKER
    assert crawler.INVALID_PREFIX in str(crawler.INVALID_MARKER)


def test_crawler_takes_hyphenated_codes_as_codes_and_hyphenated_words_as_words():
    assert crawler.english_words("证书 LQ-2026-001，方法 GH-DRAW-1，摘要 SHA-256") == []
    assert crawler.english_words("请 Check-in 后 Sign in") == ["Check", "Sign", "in"]
