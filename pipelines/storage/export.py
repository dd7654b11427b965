"""Export stored articles as JSON lines or CSV, with a fixed, documented set of columns."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO, TypeAlias

from sqlalchemy import Select, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased

from pipelines.storage.database import (
    StorageUnavailable,
    describe_error,
    ensure_reachable,
    safe_url,
)
from pipelines.storage.migrate import current_revision
from pipelines.storage.models import Article, CrawlRun

OFF_TOPIC = "off-topic"  # the relevance label of articles that are not story coverage

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from sqlalchemy.engine import Engine


class ExportColumn(NamedTuple):
    """One exported column: its name and what it holds."""

    name: str
    description: str


# The export's columns, in order. The README quotes this list; `scrapy export --columns` prints it.
EXPORT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("canonical_url", "Canonical URL of the article (its key in the store)"),
    ExportColumn("url", "URL the article was discovered under"),
    ExportColumn("final_url", "URL after redirects, the page actually fetched"),
    ExportColumn("outlet", "Name of the outlet, as in the story file"),
    ExportColumn("host", "Host name of the final URL"),
    ExportColumn("story", "Name of the story the article was collected for"),
    ExportColumn("title", "Headline"),
    ExportColumn("authors", "Bylines (list)"),
    ExportColumn("published_at", "Publication time, UTC"),
    ExportColumn(
        "published_source",
        "Where published_at came from: jsonld, meta, sitemap, feed, url, page or first_seen",
    ),
    ExportColumn("published_precision", "How exact published_at is: time or day"),
    ExportColumn("language", "Language code of the text"),
    ExportColumn("description", "Summary the page gives for itself"),
    ExportColumn("section", "Section of the outlet the article ran in"),
    ExportColumn("tags", "Keywords and tags the page gives (list)"),
    ExportColumn("text", "Clean article text"),
    ExportColumn("text_hash", "SHA-256 of the clean text"),
    ExportColumn("word_count", "Words in the clean text"),
    ExportColumn(
        "credits", "Credit lines moved out of the text: Source:, With reporting by (list)"
    ),
    ExportColumn("dateline", "Dateline moved out of the first paragraph, e.g. BEIJING"),
    ExportColumn("http_status", "HTTP status of the fetch"),
    ExportColumn("discovered_via", "How the URL was found: feed, sitemap, section or urls"),
    ExportColumn("first_seen_at", "When the article was first fetched, UTC"),
    ExportColumn("fetched_at", "When the article was last fetched, UTC"),
    ExportColumn("updated_at", "When its text or title last changed, UTC (empty if never)"),
    ExportColumn("deleted_at", "When it started answering 404/410 or redirecting home, UTC"),
    ExportColumn("relevance", "Relevance to the story: relevant, grey or off-topic"),
    ExportColumn("relevance_reason", "Why, with the evidence: query matches, exemplar similarity"),
    ExportColumn("cluster_id", "Copy cluster: the id of the cluster's original article"),
    ExportColumn("role", "Role in its cluster: original, duplicate, syndicated or partial"),
    ExportColumn("original_url", "Canonical URL of the article this one copies (copies only)"),
)
COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in EXPORT_COLUMNS)
LIST_SEPARATOR = "; "
_ROWS_PER_FETCH = 500


_Writer: TypeAlias = "Callable[[Iterable[dict[str, Any]], TextIO], int]"


class ExportFormatError(ValueError):
    """The output file's extension names no known export format."""


def format_columns() -> str:
    """The column list as aligned "name  description" lines."""
    width = max(len(name) for name in COLUMN_NAMES)
    return "\n".join(f"{column.name:<{width}}  {column.description}" for column in EXPORT_COLUMNS)


def export_format(path: Path) -> _Writer:
    """The writer for the file's extension (.jsonl or .csv); raise ExportFormatError otherwise."""
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        known = ", ".join(sorted(_WRITERS))
        raise ExportFormatError(f"cannot export to {path.name!r}: use a file ending in {known}")
    return writer


class SinceError(ValueError):
    """A --since value that is neither "last-run" nor an ISO 8601 time."""


def resolve_since(engine: Engine, value: str, story: str | None = None) -> datetime | None:
    """The time --since names: "last-run" (when the latest finished run began) or ISO 8601."""
    if value == "last-run":
        ensure_reachable(engine, must_exist=True)
        query = select(CrawlRun.started_at).where(CrawlRun.finished_at.is_not(None))
        if story is not None:
            query = query.where(CrawlRun.story == story)
        try:
            with engine.connect() as connection:
                return connection.execute(query.order_by(CrawlRun.id.desc()).limit(1)).scalar()
        except SQLAlchemyError as exc:
            raise StorageUnavailable(
                f"cannot read crawl runs from {safe_url(engine.url)}: {describe_error(exc)}"
            ) from None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise SinceError(f"--since {value!r}: give last-run or an ISO 8601 time") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def export_articles(
    engine: Engine,
    path: Path,
    story: str | None = None,
    since: datetime | None = None,
    *,
    include_rejected: bool = False,
) -> int:
    """Write the story coverage (every judged article if asked; new or updated since a time)."""
    write = export_format(path)
    ensure_reachable(engine, must_exist=True)
    if current_revision(engine) is None:
        raise StorageUnavailable(
            f"the database at {safe_url(engine.url)} holds no articles yet: "
            "run a crawl or `scrapy db upgrade` first"
        )
    # Written beside the target and moved into place, so a failed export leaves no half file.
    partial = path.with_name(f".{path.name}.part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            written = write(
                stored_rows(engine, story, since, include_rejected=include_rejected), handle
            )
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return written


def coverage_query(story: str | None, *, include_rejected: bool = False) -> Select[Any]:
    """Every export column of the stored articles; off-topic ones only when asked."""
    original = aliased(Article)
    table = Article.__table__
    columns = [
        original.canonical_url.label(name) if name == "original_url" else table.c[name]
        for name in COLUMN_NAMES
    ]
    query = (
        select(*columns)
        .outerjoin_from(Article, original, original.id == Article.original_id)
        .order_by(Article.id)
    )
    if story is not None:
        query = query.where(Article.story == story)
    if not include_rejected:
        # Story coverage: off-topic articles are kept in the store, not reported as coverage.
        query = query.where(or_(Article.relevance.is_(None), Article.relevance != OFF_TOPIC))
    return query


def stored_rows(
    engine: Engine,
    story: str | None = None,
    since: datetime | None = None,
    *,
    include_rejected: bool = False,
) -> Iterator[dict[str, Any]]:
    """The export's rows: story coverage (of one story; new or updated since a time, if given)."""
    # Streamed: yield_per keeps a few hundred rows in memory (a server-side cursor on PostgreSQL).
    query = coverage_query(story, include_rejected=include_rejected)
    if since is not None:
        query = query.where(or_(Article.first_seen_at >= since, Article.updated_at >= since))
    try:
        with engine.connect() as connection:
            result = connection.execution_options(yield_per=_ROWS_PER_FETCH).execute(query)
            for row in result.mappings():
                yield dict(row)
    except SQLAlchemyError as exc:
        raise StorageUnavailable(
            f"cannot read articles from {safe_url(engine.url)}: {describe_error(exc)}"
        ) from None


def _iso_utc(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _json_value(value: Any) -> Any:
    return _iso_utc(value) if isinstance(value, datetime) else value


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return _iso_utc(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def json_record(row: dict[str, Any]) -> dict[str, Any]:
    """An articles row as a JSON-ready dict: keys in column order, times ISO 8601 UTC."""
    return {name: _json_value(row.get(name)) for name in COLUMN_NAMES}


def write_jsonl(rows: Iterable[dict[str, Any]], handle: TextIO) -> int:
    """One JSON object per line, keys in column order; lists stay arrays, times are ISO 8601 UTC."""
    written = 0
    for row in rows:
        handle.write(json.dumps(json_record(row), ensure_ascii=False) + "\n")
        written += 1
    return written


def write_csv(rows: Iterable[dict[str, Any]], handle: TextIO) -> int:
    """A header row, then one row per article; lists joined with "; ", times ISO 8601 UTC."""
    writer = csv.writer(handle)
    writer.writerow(COLUMN_NAMES)
    written = 0
    for row in rows:
        writer.writerow([_csv_value(row.get(name)) for name in COLUMN_NAMES])
        written += 1
    return written


_WRITERS: dict[str, _Writer] = {
    ".jsonl": write_jsonl,
    ".csv": write_csv,
}
