"""An outlet's machine-readable listings: robots.txt, RSS or Atom feed, and its sitemaps."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime

from .markup import author_url, post_id
from .model import Article, Outlet

_SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
_ATOM_NS = "http://www.w3.org/2005/Atom"
_DC_NS = "http://purl.org/dc/elements/1.1/"

ET.register_namespace("", _SITEMAP_NS)
ET.register_namespace("news", _NEWS_NS)
ET.register_namespace("atom", _ATOM_NS)
ET.register_namespace("dc", _DC_NS)


def robots_txt(outlet: Outlet) -> str:
    """robots.txt: what crawlers may not fetch, and where the sitemaps are."""
    lines = [
        "# robots.txt for " + outlet.host,
        "User-agent: GPTBot",
        "Disallow: /",
        "",
        "User-agent: *",
    ]
    lines += [f"Disallow: {path}" for path in outlet.disallow]
    if "/wp-admin/" in outlet.disallow:
        lines.append("Allow: /wp-admin/admin-ajax.php")
    lines.append("")
    lines += [f"Sitemap: {url}" for url in announced_sitemaps(outlet)]
    return "\n".join(lines) + "\n"


def announced_sitemaps(outlet: Outlet) -> list[str]:
    """Sitemap URLs robots.txt names: the index alone when there is one."""
    if outlet.sitemap_index_path:
        return [outlet.url(outlet.sitemap_index_path)]
    return [outlet.url(outlet.news_sitemap_path)]


def feed_link(article: Article) -> str:
    """The article link a feed prints, tracking parameters included where the outlet adds them."""
    query = article.outlet.feed_link_query
    return f"{article.url}?{query}" if query else article.url


def rss_feed(outlet: Outlet, articles: Sequence[Article]) -> str:
    """An RSS 2.0 feed, as WordPress prints it."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", outlet.name)
    ET.SubElement(
        channel,
        f"{{{_ATOM_NS}}}link",
        {"href": outlet.url(outlet.feed_path), "rel": "self", "type": "application/rss+xml"},
    )
    _text(channel, "link", outlet.base_url + "/")
    _text(channel, "description", outlet.description)
    _text(channel, "lastBuildDate", format_datetime(last_change(articles)))
    _text(channel, "language", outlet.language)
    _text(channel, "generator", "https://wordpress.org/?v=6.5.3")
    for article in articles:
        item = ET.SubElement(channel, "item")
        _text(item, "title", article.headline)
        _text(item, "link", feed_link(article))
        _text(item, f"{{{_DC_NS}}}creator", ", ".join(article.authors))
        _text(item, "pubDate", format_datetime(article.published))
        for category in (article.section, *article.tags):
            _text(item, "category", category)
        guid = ET.SubElement(item, "guid", {"isPermaLink": "false"})
        guid.text = f"{outlet.base_url}/?p={post_id(article)}"
        _text(item, "description", article.description)
    return _serialise(rss)


def atom_feed(outlet: Outlet, articles: Sequence[Article]) -> str:
    """An Atom 1.0 feed, as WordPress prints it at /feed/atom/."""
    # Plain tag names under a literal default xmlns: the prefix-free markup feeds really carry.
    feed = ET.Element("feed", {"xmlns": _ATOM_NS, "xml:lang": outlet.language})
    _text(feed, "title", outlet.name)
    _text(feed, "subtitle", outlet.description)
    _text(feed, "updated", last_change(articles).isoformat())
    _text(feed, "id", outlet.url(outlet.feed_path))
    ET.SubElement(
        feed, "link", {"rel": "alternate", "type": "text/html", "href": outlet.base_url + "/"}
    )
    ET.SubElement(
        feed,
        "link",
        {"rel": "self", "type": "application/atom+xml", "href": outlet.url(outlet.feed_path)},
    )
    for article in articles:
        entry = ET.SubElement(feed, "entry")
        for name in article.authors:
            author = ET.SubElement(entry, "author")
            _text(author, "name", name)
            _text(author, "uri", author_url(outlet, name))
        _text(entry, "title", article.headline)
        ET.SubElement(
            entry, "link", {"rel": "alternate", "type": "text/html", "href": feed_link(article)}
        )
        _text(entry, "id", f"{outlet.base_url}/?p={post_id(article)}")
        _text(entry, "updated", article.modified.isoformat())
        _text(entry, "published", article.published.isoformat())
        for category in (article.section, *article.tags):
            ET.SubElement(entry, "category", {"term": category})
        _text(entry, "summary", article.description)
    return _serialise(feed)


def news_sitemap(outlet: Outlet, articles: Sequence[Article]) -> str:
    """A Google News sitemap."""
    urlset = ET.Element(f"{{{_SITEMAP_NS}}}urlset")
    for article in articles:
        url = ET.SubElement(urlset, f"{{{_SITEMAP_NS}}}url")
        _text(url, f"{{{_SITEMAP_NS}}}loc", article.url)
        news = ET.SubElement(url, f"{{{_NEWS_NS}}}news")
        publication = ET.SubElement(news, f"{{{_NEWS_NS}}}publication")
        _text(publication, f"{{{_NEWS_NS}}}name", outlet.name)
        # Google wants an ISO 639 code here: "en", not "en-US".
        _text(publication, f"{{{_NEWS_NS}}}language", outlet.language.split("-")[0])
        _text(news, f"{{{_NEWS_NS}}}publication_date", article.published.isoformat())
        _text(news, f"{{{_NEWS_NS}}}title", article.headline)
    return _serialise(urlset)


def post_sitemap(articles: Sequence[Article]) -> str:
    """A regular sitemap of posts with their last modification."""
    urlset = ET.Element(f"{{{_SITEMAP_NS}}}urlset")
    for article in articles:
        url = ET.SubElement(urlset, f"{{{_SITEMAP_NS}}}url")
        _text(url, f"{{{_SITEMAP_NS}}}loc", article.url)
        _text(url, f"{{{_SITEMAP_NS}}}lastmod", article.modified.isoformat())
    return _serialise(urlset)


def sitemap_index(entries: Sequence[tuple[str, datetime]]) -> str:
    """A sitemap index naming child sitemaps and when each last changed."""
    index = ET.Element(f"{{{_SITEMAP_NS}}}sitemapindex")
    for loc, lastmod in entries:
        sitemap = ET.SubElement(index, f"{{{_SITEMAP_NS}}}sitemap")
        _text(sitemap, f"{{{_SITEMAP_NS}}}loc", loc)
        _text(sitemap, f"{{{_SITEMAP_NS}}}lastmod", lastmod.isoformat())
    return _serialise(index)


def last_change(articles: Sequence[Article]) -> datetime:
    """When the newest of these articles last changed."""
    return max(a.modified for a in articles)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _serialise(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
