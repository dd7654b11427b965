import gzip

import pytest

from crawler.discovery.sitemaps import MAX_SITEMAP_BYTES, SitemapError, parse_sitemap

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>http://outlet.test/news/2024/5/16/putin-arrives-in-china</loc>
    <lastmod>2024-05-16T09:00:00+03:00</lastmod>
    <news:news>
      <news:publication><news:name>Outlet</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2024-05-16T04:41:00+03:00</news:publication_date>
      <news:title>Putin arrives in China</news:title>
    </news:news>
  </url>
  <url><loc>http://outlet.test/plain-page</loc></url>
</urlset>"""


def test_news_sitemap_keeps_publication_date_and_title():
    sitemap = parse_sitemap(NEWS_SITEMAP)
    assert not sitemap.is_index
    first, second = sitemap.entries
    assert first.loc == "http://outlet.test/news/2024/5/16/putin-arrives-in-china"
    assert first.news_title == "Putin arrives in China"
    assert first.news_published == "2024-05-16T04:41:00+03:00"
    assert first.news_publication == "Outlet"
    assert first.news_language == "en"
    assert first.lastmod == "2024-05-16T09:00:00+03:00"
    assert second.loc == "http://outlet.test/plain-page"
    assert second.news_title is None


def test_sitemap_index_lists_child_sitemaps():
    body = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>http://outlet.test/news.xml</loc><lastmod>2024-05-16</lastmod></sitemap>
      <sitemap><loc>http://outlet.test/pages.xml</loc></sitemap></sitemapindex>"""
    sitemap = parse_sitemap(body)
    assert sitemap.is_index
    assert [e.loc for e in sitemap.entries] == [
        "http://outlet.test/news.xml",
        "http://outlet.test/pages.xml",
    ]


def test_gzipped_sitemap_is_read():
    assert parse_sitemap(gzip.compress(NEWS_SITEMAP)).entries[0].news_title


def test_entity_expansion_is_refused():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol3;</loc></url></urlset>"""
    with pytest.raises(SitemapError, match="entit"):
        parse_sitemap(bomb)


def test_gzip_bomb_is_refused_before_it_inflates():
    bomb = gzip.compress(b"<urlset>" + b" " * (MAX_SITEMAP_BYTES + 1024))
    with pytest.raises(SitemapError, match="inflates"):
        parse_sitemap(bomb)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<urlset><url><loc>http://x.test/a</loc>", "not valid XML"),
        (b"<html><body>Not found</body></html>", "not a sitemap"),
        (b"", "not valid XML"),
    ],
)
def test_broken_sitemaps_give_a_reason(body, reason):
    with pytest.raises(SitemapError, match=reason):
        parse_sitemap(body)
