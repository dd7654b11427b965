"""Write a batch in one transaction, keeping old versions, and classify each article in it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from pipelines.storage.changes import summarize_change
from pipelines.storage.models import Article, ArticleVersion, ListingState
from pipelines.storage.upsert import ARTICLE_KEY, deduplicate, upsert_rows

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from crawler.items import ArticleChecked, ArticleGone, ListingChecked

NEW, UPDATED, UNCHANGED, FLIP_FLOP, DELETED = "new", "updated", "unchanged", "flip_flop", "deleted"


@dataclass
class Batch:
    """Everything waiting to be written: article rows, re-checks, deletions, listing states."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    checks: list[ArticleChecked] = field(default_factory=list)
    gone: list[ArticleGone] = field(default_factory=list)
    listings: list[ListingChecked] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.articles) + len(self.checks) + len(self.gone) + len(self.listings)


@dataclass
class BatchResult:
    """What a written batch held: (outlet, outcome) per article, and article rows written."""

    outcomes: list[tuple[str, str]] = field(default_factory=list)
    stored: int = 0


def write_batch(engine: Engine, batch: Batch) -> BatchResult:
    """Write a batch in one transaction and classify each article in it."""
    result = BatchResult()
    with engine.begin() as connection:
        rows = deduplicate(batch.articles)
        result.outcomes += _keep_versions(connection, rows)
        result.stored = upsert_rows(connection, rows)
        for check in batch.checks:
            connection.execute(
                update(Article)
                .where(Article.canonical_url == check.canonical_url)
                .values(checked_at=check.checked_at, next_check_at=check.next_check_at)
            )
            result.outcomes.append((check.outlet, UNCHANGED))
        for gone in batch.gone:
            marked = connection.execute(
                update(Article)
                .where(Article.canonical_url == gone.canonical_url, Article.deleted_at.is_(None))
                .values(
                    deleted_at=gone.checked_at,
                    checked_at=gone.checked_at,
                    http_status=gone.http_status,
                    next_check_at=None,
                )
            )
            if marked.rowcount:
                result.outcomes.append((gone.outlet, DELETED))
        _save_listings(connection, batch.listings)
    return result


def _keep_versions(connection: Connection, rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Classify rows against the stored articles; keep the old version of each changed one."""
    keys = [row[ARTICLE_KEY] for row in rows]
    if not keys:
        return []
    stored = {
        r.canonical_url: r
        for r in connection.execute(
            select(
                Article.id,
                Article.canonical_url,
                Article.title,
                Article.text,
                Article.text_hash,
                Article.fetched_at,
            ).where(Article.canonical_url.in_(keys))
        )
    }
    known_versions: dict[int, set[tuple[str, str | None]]] = defaultdict(set)
    if stored:
        ids = [r.id for r in stored.values()]
        query = select(ArticleVersion.article_id, ArticleVersion.text_hash, ArticleVersion.title)
        for v in connection.execute(query.where(ArticleVersion.article_id.in_(ids))):
            known_versions[v.article_id].add((v.text_hash, v.title))
    outcomes: list[tuple[str, str]] = []
    versions: list[dict[str, Any]] = []
    for row in rows:
        old = stored.get(row[ARTICLE_KEY])
        if old is None:
            outcomes.append((row["outlet"], NEW))
            continue
        current, incoming = (old.text_hash, old.title), (row["text_hash"], row["title"])
        if incoming == current:
            outcomes.append((row["outlet"], UNCHANGED))
            continue
        seen = known_versions[old.id]
        came_back = incoming in seen
        if not (came_back and current in seen):
            summary = summarize_change(old.text, old.title, row["text"], row["title"])
            versions.append(
                {
                    "article_id": old.id,
                    "title": old.title,
                    "text": old.text,
                    "text_hash": old.text_hash,
                    "fetched_at": old.fetched_at,
                    "replaced_at": row["fetched_at"],
                    **asdict(summary),
                }
            )
        if came_back:
            # An A/B flip-flop: the page shows a version it showed before, which is no news.
            outcomes.append((row["outlet"], FLIP_FLOP))
        else:
            row["updated_at"] = row["fetched_at"]
            outcomes.append((row["outlet"], UPDATED))
    if versions:
        connection.execute(insert(ArticleVersion), versions)
    return outcomes


def _save_listings(connection: Connection, listings: list[ListingChecked]) -> None:
    if not listings:
        return
    latest = {(listing.story, listing.url): asdict(listing) for listing in listings}
    table = ListingState.__table__
    dialect = connection.dialect.name
    statement = (postgresql if dialect == "postgresql" else sqlite).insert(table)
    kept = {"id", "story", "url"}
    updates = {c.name: statement.excluded[c.name] for c in table.columns if c.name not in kept}
    connection.execute(
        statement.on_conflict_do_update(index_elements=["story", "url"], set_=updates),
        list(latest.values()),
    )
