"""What the store already knows about a story, read once when a crawl opens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select

from pipelines.storage.models import Article, ListingState

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class KnownArticle:
    """A stored article as the spider needs it to decide whether to fetch it again."""

    canonical_url: str
    outlet: str
    discovered_via: str
    etag: str | None
    last_modified: str | None
    published_at: datetime | None
    checked_at: datetime
    next_check_at: datetime | None
    deleted_at: datetime | None
    listing_titles: tuple[str, ...]


@dataclass(frozen=True)
class KnownListing:
    """A listing's validators, body hash and schedule from its last request."""

    url: str
    kind: str
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    validators_stale: bool
    next_due_at: datetime
    interval_seconds: int
    body_fetched_at: datetime | None = None


@dataclass
class KnownState:
    """Known articles (by every URL they were reached under) and listings of one story."""

    articles: dict[str, KnownArticle] = field(default_factory=dict)
    listings: dict[str, KnownListing] = field(default_factory=dict)


def load_known(engine: Engine, story: str) -> KnownState:
    """Read the story's articles and listing states: two queries, whatever their number."""
    state = KnownState()
    article_query = select(
        Article.url,
        Article.final_url,
        Article.canonical_url,
        Article.outlet,
        Article.discovered_via,
        Article.etag,
        Article.last_modified,
        Article.published_at,
        Article.fetched_at,
        Article.checked_at,
        Article.next_check_at,
        Article.deleted_at,
        Article.listing_titles,
    ).where(Article.story == story)
    with engine.connect() as connection:
        for row in connection.execute(article_query):
            known = KnownArticle(
                canonical_url=row.canonical_url,
                outlet=row.outlet,
                discovered_via=row.discovered_via,
                etag=row.etag,
                last_modified=row.last_modified,
                published_at=row.published_at,
                checked_at=row.checked_at or row.fetched_at,
                next_check_at=row.next_check_at,
                deleted_at=row.deleted_at,
                listing_titles=tuple(row.listing_titles or ()),
            )
            for url in (row.url, row.final_url, row.canonical_url):
                state.articles[url] = known
        table = ListingState.__table__
        listing_query = select(table).where(table.c.story == story)
        for listing in connection.execute(listing_query):
            state.listings[listing.url] = KnownListing(
                url=listing.url,
                kind=listing.kind,
                etag=listing.etag,
                last_modified=listing.last_modified,
                body_hash=listing.body_hash,
                validators_stale=listing.validators_stale,
                next_due_at=listing.next_due_at,
                interval_seconds=listing.interval_seconds,
                body_fetched_at=listing.body_fetched_at,
            )
    return state
