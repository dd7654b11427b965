"""Upsert article rows keyed by canonical URL, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite

from pipelines.storage.models import Article, Base

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sqlalchemy import Table
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.sql import ColumnCollection, Executable

ARTICLE_KEY = "canonical_url"
# On conflict every column is refreshed except the key, the surrogate id and first_seen_at.
_KEPT_ON_UPDATE = frozenset({"id", ARTICLE_KEY, "first_seen_at"})
# Only a row that says so replaces these; a row without them keeps what is stored.
_KEPT_WHEN_NULL = frozenset({"updated_at", "listing_titles"})
_ARTICLES: Table = Base.metadata.tables[Article.__tablename__]


def deduplicate(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per canonical URL: the latest row wins, keeping the earliest first_seen_at."""
    by_key: dict[str, dict[str, Any]] = {}
    for row in rows:
        merged = dict(row)
        earlier = by_key.pop(row[ARTICLE_KEY], None)
        if earlier is not None:
            merged["first_seen_at"] = min(earlier["first_seen_at"], merged["first_seen_at"])
        by_key[row[ARTICLE_KEY]] = merged
    return list(by_key.values())


def upsert_articles(engine: Engine, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update the rows in one transaction; return the number of distinct articles."""
    # PostgreSQL refuses a statement that touches the same key twice, so de-duplicate first.
    with engine.begin() as connection:
        return upsert_rows(connection, rows)


def upsert_rows(connection: Connection, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update the rows on an open connection; return the number of distinct articles."""
    batch = deduplicate(rows)
    if not batch:
        return 0
    columns = {column.name for column in _ARTICLES.columns} - {"id"}
    # executemany needs every row to name the same columns; absent ones are NULL.
    batch = [{name: row.get(name) for name in columns} for row in batch]
    connection.execute(_upsert_statement(connection.dialect.name), batch)
    return len(batch)


def _upsert_statement(dialect_name: str) -> Executable:
    # Each dialect has its own Insert class; both spell ON CONFLICT DO UPDATE the same way.
    key = [_ARTICLES.c[ARTICLE_KEY]]
    if dialect_name == "postgresql":
        pg_insert = postgresql.insert(_ARTICLES)
        return pg_insert.on_conflict_do_update(
            index_elements=key, set_=_updates(pg_insert.excluded)
        )
    if dialect_name == "sqlite":
        lite_insert = sqlite.insert(_ARTICLES)
        return lite_insert.on_conflict_do_update(
            index_elements=key, set_=_updates(lite_insert.excluded)
        )
    raise NotImplementedError(f"no upsert for the {dialect_name} dialect")


def _updates(excluded: ColumnCollection[str, Any]) -> dict[str, Any]:
    return {
        column.name: (
            func.coalesce(excluded[column.name], column)
            if column.name in _KEPT_WHEN_NULL
            else excluded[column.name]
        )
        for column in _ARTICLES.columns
        if column.name not in _KEPT_ON_UPDATE
    }
