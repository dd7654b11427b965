"""The article item that travels from the spiders through the pipelines to the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Listing:
    """What a feed, sitemap or section page said about an article before it was fetched."""

    via: str  # "feed", "sitemap", "section" or "urls"
    source_url: str
    title: str | None = None
    published_at: datetime | None = None  # timezone-aware UTC
    modified_at: datetime | None = None  # sitemap lastmod or Atom updated, when given
    link: str | None = None  # the article URL as the listing spelled it (tracking parameters too)


@dataclass
class ArticleItem:
    """One fetched article page, filled in stage by stage: fetch, extract, clean, store."""

    # Set by the spider.
    url: str
    final_url: str
    outlet: str
    host: str
    http_status: int
    fetched_at: datetime
    discovered_via: str
    listings: list[Listing] = field(default_factory=list)
    story: str | None = None
    html: str | None = None  # dropped once extracted, so items stay small
    etag: str | None = None  # validators for the next, conditional, fetch
    last_modified: str | None = None
    listing_titles: list[str] = field(default_factory=list)  # every title listings gave it

    # Set by extraction.
    canonical_url: str | None = None
    cross_domain_canonical: str | None = None  # a canonical on another site: this is a copy
    aliases: list[str] = field(default_factory=list)  # other same-site URLs of this article
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    published_source: str | None = None  # jsonld, meta, sitemap, feed, url, first_seen
    published_precision: str | None = None  # "time" or "day"
    language: str | None = None
    description: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    raw_text: str | None = None  # trafilatura's output, before cleaning

    # Set by cleaning.
    text: str | None = None
    text_hash: str | None = None
    word_count: int = 0
    credits: list[str] = field(default_factory=list)
    dateline: str | None = None
    removed: list[str] = field(default_factory=list)  # names of the cleaning rules that fired

    # Set by relevance (a crawl without a story file leaves them None).
    relevance: str | None = None  # "relevant", "grey" or "off-topic"
    relevance_reason: str | None = None
    query_in_lead: bool | None = None
    query_in_text: bool | None = None
    exemplar_similarity: float | None = None
    in_window: bool | None = None


@dataclass
class ArticleChecked:
    """A known article re-checked and found unchanged (a 304): only its schedule moves on."""

    canonical_url: str
    outlet: str
    checked_at: datetime
    next_check_at: datetime | None


@dataclass
class ArticleGone:
    """A known article that now answers 404/410 or redirects to the home page."""

    canonical_url: str
    outlet: str
    http_status: int
    checked_at: datetime


@dataclass
class ListingChecked:
    """What one request of a feed, sitemap or section page found, and when it is next due."""

    story: str
    url: str
    kind: str  # feed, sitemap or section
    outlet: str | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    validators_stale: bool
    checked_at: datetime
    next_due_at: datetime
    interval_seconds: int
    status: int | None
    entries: int = 0
    new_entries: int = 0
    body_fetched_at: datetime | None = None  # last full (200) answer, validators not trusted
