"""Turn an ArticleItem into a row of the articles table."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from sqlalchemy import String

from pipelines.storage.models import Article
from pipelines.storage.schedule import next_article_check
from pipelines.storage.upsert import ALIASES

if TYPE_CHECKING:
    from crawler.items import ArticleItem

# Column -> longest value it takes; longer free-text values are cut rather than failing a batch.
_MAX_LENGTHS: dict[str, int] = {
    column.name: column.type.length
    for column in Article.__table__.columns
    if isinstance(column.type, String) and column.type.length is not None
}


class UnstorableArticle(ValueError):
    """An item that cannot become a row; ``reason`` names it for the dropped-items stats."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def article_row(item: ArticleItem) -> dict[str, Any]:
    """Map a cleaned ArticleItem to an articles row; first_seen_at starts as its fetch time."""
    if item.text is None:
        raise UnstorableArticle("no_text", f"no cleaned text for {item.final_url}")
    canonical_url = item.canonical_url or item.final_url
    if len(canonical_url) > _MAX_LENGTHS["canonical_url"]:
        # The key cannot be shortened without merging unrelated articles.
        raise UnstorableArticle("url_too_long", f"canonical URL too long: {canonical_url[:100]}…")
    row: dict[str, Any] = {
        "canonical_url": canonical_url,
        "url": item.url,
        "final_url": item.final_url,
        "outlet": item.outlet,
        "host": item.host,
        "story": item.story,
        "title": item.title,
        "authors": list(item.authors),
        "published_at": item.published_at,
        "published_source": item.published_source,
        "published_precision": item.published_precision,
        "language": item.language,
        "description": item.description,
        "section": item.section,
        "tags": list(item.tags),
        "text": item.text,
        "text_hash": item.text_hash or hashlib.sha256(item.text.encode()).hexdigest(),
        "word_count": item.word_count,
        "credits": list(item.credits),
        "dateline": item.dateline,
        "http_status": item.http_status,
        "discovered_via": item.discovered_via,
        "first_seen_at": item.fetched_at,
        "fetched_at": item.fetched_at,
        "etag": item.etag,
        "last_modified": item.last_modified,
        "checked_at": item.fetched_at,
        "next_check_at": next_article_check(item.published_at, item.fetched_at),
        "deleted_at": None,  # a page that answers again is no longer deleted
        "listing_titles": list(item.listing_titles) or None,
        "cross_domain_canonical": item.cross_domain_canonical,
        "relevance": item.relevance,
        "relevance_reason": item.relevance_reason,
        "query_in_lead": item.query_in_lead,
        "query_in_text": item.query_in_text,
        "exemplar_similarity": item.exemplar_similarity,
        "in_window": item.in_window,
        ALIASES: [url for url in item.aliases if len(url) <= _MAX_LENGTHS["canonical_url"]],
    }
    return {name: _fit(name, value) for name, value in row.items()}


def _fit(name: str, value: Any) -> Any:
    # PostgreSQL rejects NUL characters in text, and a value longer than its column, and either
    # would fail the whole batch the row travels in.
    if isinstance(value, str):
        value = value.replace("\x00", "")
        limit = _MAX_LENGTHS.get(name)
        return value[:limit] if limit is not None else value
    if isinstance(value, list):
        return [v.replace("\x00", "") if isinstance(v, str) else v for v in value]
    return value
