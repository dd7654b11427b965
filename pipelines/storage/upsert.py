"""Upsert article rows keyed by canonical URL, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from pipelines.storage.models import Article, ArticleAlias, Base

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sqlalchemy import Table
    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.sql import ColumnCollection, Executable

ARTICLE_KEY = "canonical_url"
# Not a column: the other URLs of the article, written to article_aliases.
ALIASES = "aliases"
# On conflict every column is refreshed except the key, the surrogate id, first_seen_at and
# what clustering wrote (the next clustering run refreshes those).
_KEPT_ON_UPDATE = frozenset(
    {
        "id",
        ARTICLE_KEY,
        "first_seen_at",
        "cluster_id",
        "role",
        "original_id",
        "original_method",
        "original_confidence",
    }
)
# Only a row that says so replaces these; a row without them keeps what is stored.
_KEPT_WHEN_NULL = frozenset({"updated_at", "listing_titles"})
_ARTICLES: Table = Base.metadata.tables[Article.__tablename__]
_ALIASES: Table = Base.metadata.tables[ArticleAlias.__tablename__]


def deduplicate(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per canonical URL: the latest row wins, keeping the earliest first_seen_at."""
    by_key: dict[str, dict[str, Any]] = {}
    for row in rows:
        merged = dict(row)
        earlier = by_key.pop(row[ARTICLE_KEY], None)
        if earlier is not None:
            merged["first_seen_at"] = min(earlier["first_seen_at"], merged["first_seen_at"])
            merged[ALIASES] = [*earlier.get(ALIASES, []), *merged.get(ALIASES, [])]
        by_key[row[ARTICLE_KEY]] = merged
    return list(by_key.values())


def upsert_articles(engine: Engine, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update the rows in one transaction; return the number of distinct articles."""
    with engine.begin() as connection:
        return upsert_rows(connection, rows)


def upsert_rows(connection: Connection, rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert or update the rows on an open connection; return the number of distinct articles."""
    # PostgreSQL refuses a statement that touches the same key twice, so de-duplicate first.
    batch = deduplicate(rows)
    if not batch:
        return 0
    aliases = {row[ARTICLE_KEY]: row.pop(ALIASES, None) or [] for row in batch}
    columns = {column.name for column in _ARTICLES.columns} - {"id"}
    # executemany needs every row to name the same columns; absent ones are NULL.
    batch = [{name: row.get(name) for name in columns} for row in batch]
    dialect = connection.dialect.name
    connection.execute(_upsert_statement(dialect, _ARTICLES, ARTICLE_KEY, _KEPT_ON_UPDATE), batch)
    _write_aliases(connection, dialect, aliases)
    return len(batch)


def _write_aliases(
    connection: Connection, dialect_name: str, aliases: dict[str, list[str]]
) -> None:
    # An alias names one article: the latest article to claim it wins.
    wanted = {key: urls for key, urls in aliases.items() if urls}
    if not wanted:
        return
    query = select(_ARTICLES.c[ARTICLE_KEY], _ARTICLES.c.id).where(
        _ARTICLES.c[ARTICLE_KEY].in_(list(wanted))
    )
    ids = {key: article_id for key, article_id in connection.execute(query)}
    rows = {
        url: {"alias_url": url, "article_id": ids[key]}
        for key, urls in wanted.items()
        for url in urls
        if key in ids
    }
    if rows:
        statement = _upsert_statement(dialect_name, _ALIASES, "alias_url", frozenset({"alias_url"}))
        connection.execute(statement, list(rows.values()))


def _upsert_statement(
    dialect_name: str, table: Table, key_name: str, kept: frozenset[str]
) -> Executable:
    # Each dialect has its own Insert class; both spell ON CONFLICT DO UPDATE the same way.
    key = [table.c[key_name]]
    if dialect_name == "postgresql":
        pg_insert = postgresql.insert(table)
        return pg_insert.on_conflict_do_update(
            index_elements=key, set_=_updates(table, pg_insert.excluded, kept)
        )
    if dialect_name == "sqlite":
        lite_insert = sqlite.insert(table)
        return lite_insert.on_conflict_do_update(
            index_elements=key, set_=_updates(table, lite_insert.excluded, kept)
        )
    raise NotImplementedError(f"no upsert for the {dialect_name} dialect")


def _updates(
    table: Table, excluded: ColumnCollection[str, Any], kept: frozenset[str]
) -> dict[str, Any]:
    return {
        column.name: (
            func.coalesce(excluded[column.name], column)
            if column.name in _KEPT_WHEN_NULL
            else excluded[column.name]
        )
        for column in table.columns
        if column.name not in kept
    }
