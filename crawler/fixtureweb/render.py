"""Draw one outlet into responses: article pages, section page, feed, sitemaps and robots.txt."""

from __future__ import annotations

from datetime import UTC, datetime

from .catalog import Catalog
from .listings import (
    atom_feed,
    last_change,
    news_sitemap,
    post_sitemap,
    robots_txt,
    rss_feed,
    sitemap_index,
)
from .model import Article, Outlet
from .resource import ATOM, HTML, RSS, TEXT, XML, Resource, make_resource
from .themes import THEMES

# robots.txt predates every article; a fixed date keeps its validators stable.
ROBOTS_MODIFIED = datetime(2024, 1, 15, 9, 0, tzinfo=UTC)
MOST_READ_SIZE = 5


def outlet_resources(catalog: Catalog, outlet: Outlet) -> dict[str, Resource]:
    """Every URL one outlet serves, with its response."""
    theme = THEMES[outlet.theme]
    articles = catalog.articles_of(outlet)
    # Subscriber-only pages are never promoted in the most-read lists.
    public = [a for a in articles if a.kind != "members"]
    resources: dict[str, Resource] = {}
    for article in articles:
        popular = [a for a in public if a is not article][:MOST_READ_SIZE]
        page = theme.article_page(article, popular)
        resources[article.url] = make_resource(page, HTML, article.modified)

    in_section = _listed(articles, "section")
    section = theme.section_page(outlet, in_section, public[:MOST_READ_SIZE])
    resources[outlet.url(outlet.section_path)] = make_resource(
        section, HTML, last_change(in_section)
    )

    in_feed = _listed(articles, "feed")
    if outlet.feed_format == "atom":
        resources[outlet.url(outlet.feed_path)] = make_resource(
            atom_feed(outlet, in_feed), ATOM, last_change(in_feed)
        )
    else:
        resources[outlet.url(outlet.feed_path)] = make_resource(
            rss_feed(outlet, in_feed), RSS, last_change(in_feed)
        )

    in_news = _listed(articles, "news_sitemap")
    news_url = outlet.url(outlet.news_sitemap_path)
    resources[news_url] = make_resource(news_sitemap(outlet, in_news), XML, last_change(in_news))
    index_entries = [(news_url, last_change(in_news))]
    if outlet.post_sitemap_path:
        in_posts = _listed(articles, "post_sitemap")
        posts_url = outlet.url(outlet.post_sitemap_path)
        resources[posts_url] = make_resource(post_sitemap(in_posts), XML, last_change(in_posts))
        index_entries.append((posts_url, last_change(in_posts)))
    if outlet.sitemap_index_path:
        resources[outlet.url(outlet.sitemap_index_path)] = make_resource(
            sitemap_index(index_entries), XML, max(when for _, when in index_entries)
        )

    resources[outlet.url("/robots.txt")] = make_resource(robots_txt(outlet), TEXT, ROBOTS_MODIFIED)
    return resources


def _listed(articles: tuple[Article, ...], listing: str) -> list[Article]:
    return [a for a in articles if listing in a.listings]
