"""hostile.test: every kind of broken listing and page, plus the good article among them."""

from __future__ import annotations

from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest

from crawler.fixtureweb.site import build_fixture_web
from crawler.story import load_story

STORY = Path(__file__).resolve().parents[1] / "stories" / "hostile.toml"


def test_hostile_host_is_served_only_when_asked_for():
    assert "hostile.test" not in build_fixture_web().hosts
    assert "hostile.test" in build_fixture_web(hostile=True).hosts


def test_section_page_links_good_broken_and_binary_articles(fixture_server, fetch):
    urls = fixture_server.web.hostile_urls
    links = fetch(urls["section"]).html().xpath("//a/@href")
    expected = ["good", "not_found", "server_error", "malformed", "empty", "pdf"]
    assert sorted(links) == sorted(urls[name] for name in expected)


@pytest.mark.parametrize(
    ("name", "status", "content_type"),
    [
        ("good", 200, "text/html"),
        ("not_found", 404, "text/html"),
        ("server_error", 500, "text/html"),
        ("empty", 200, "text/html"),
        ("pdf", 200, "application/pdf"),
        ("malformed", 200, "text/html"),
    ],
)
def test_hostile_article_answers_with_its_status_and_type(
    fixture_server, fetch, name, status, content_type
):
    reply = fetch(fixture_server.web.hostile_urls[name])
    assert reply.status == status
    assert reply.headers["Content-Type"].startswith(content_type)


def test_empty_page_has_no_body_and_pdf_is_a_real_pdf(fixture_server, fetch):
    assert fetch(fixture_server.web.hostile_urls["empty"]).body == b""
    pdf = fetch(fixture_server.web.hostile_urls["pdf"]).body
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")


def test_malformed_page_is_invalid_utf8_yet_its_article_text_is_readable(fixture_server, fetch):
    body = fetch(fixture_server.web.hostile_urls["malformed"]).body
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert b"\x00" in body and b"</html>" not in body
    text = lxml.html.document_fromstring(body.replace(b"\x00", b"")).text_content()
    assert "signed a joint statement in Beijing" in text
    assert "northeastern city of Harbin" in text


def test_feed_is_truncated_xml(fixture_server, fetch):
    body = fetch(fixture_server.web.hostile_urls["feed"]).body
    with pytest.raises(lxml.etree.XMLSyntaxError):
        lxml.etree.fromstring(body)
    assert feedparser.parse(body).bozo


def test_bomb_sitemap_nests_entities_that_a_safe_parser_never_expands(fixture_server, fetch):
    body = fetch(fixture_server.web.hostile_urls["bomb_sitemap"]).body
    assert body.count(b"<!ENTITY") == 10 and b"&lol9;" in body
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        loc = lxml.etree.fromstring(body, parser).find(".//{*}loc")
    except lxml.etree.XMLSyntaxError as exc:
        # libxml2 itself refuses the document ("entity amplification"): also a safe outcome.
        assert "amplification" in str(exc)
    else:
        assert len(lxml.etree.tostring(loc)) < 200


def test_huge_sitemap_is_over_12_mb_and_sent_in_full(fixture_server, fetch):
    url = fixture_server.web.hostile_urls["huge_sitemap"]
    length = int(fetch(url, method="HEAD").headers["Content-Length"])
    assert length > 12 * 1024 * 1024
    body = fetch(url).body
    assert len(body) == length
    assert body.endswith(b"</urlset>\n")


def test_hostile_story_file_lists_the_hostile_listings(fixture_server):
    (source,) = load_story(STORY).sources
    urls = fixture_server.web.hostile_urls
    assert source.feeds == (urls["feed"],)
    assert source.sitemaps == (urls["bomb_sitemap"], urls["huge_sitemap"])
    assert source.sections == (urls["section"],)
