"""Crawl runs: one row per run, written when it starts, completed when it ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipelines.storage.database import create_engine
from pipelines.storage.migrate import prepare
from pipelines.storage.models import CrawlRun

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class RunCounts:
    """Run counts: discovered, fetched, stored, dropped, errors; what was new, updated, deleted."""

    discovered: int = 0
    fetched: int = 0
    stored: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    new: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    failed: int = 0
    listings_not_modified: int = 0
    listings_not_due: int = 0
    outlets: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class RunRecord:
    """A crawl run as the crawler sees it; finished_at and finish_reason are None until it ends."""

    spider: str
    story: str | None
    started_at: datetime
    finished_at: datetime | None = None
    finish_reason: str | None = None
    counts: RunCounts = field(default_factory=RunCounts)
    exit_code: int | None = None


def record_run(
    database_url: str, record: RunRecord, run_id: int | None = None, *, migrate: bool
) -> int:
    """Save the run in the database at the URL (migrating it first if allowed); return its id."""
    engine = create_engine(database_url)
    try:
        prepare(engine, migrate=migrate)
        return save_run(engine, record, run_id)
    finally:
        engine.dispose()


def save_run(engine: Engine, record: RunRecord, run_id: int | None = None) -> int:
    """Insert the run (run_id None) or update row run_id with it; return the row's id."""
    with Session(engine) as session, session.begin():
        row = session.get(CrawlRun, run_id) if run_id is not None else None
        if row is None:
            # Also covers a start that could not be recorded: the finished run gets a row anyway.
            row = CrawlRun()
            session.add(row)
        row.spider = record.spider
        row.story = record.story
        row.started_at = record.started_at
        row.finished_at = record.finished_at
        row.finish_reason = record.finish_reason
        row.discovered = record.counts.discovered
        row.fetched = record.counts.fetched
        row.stored = record.counts.stored
        row.dropped = dict(record.counts.dropped)
        row.errors = record.counts.errors
        row.new = record.counts.new
        row.updated = record.counts.updated
        row.deleted = record.counts.deleted
        row.unchanged = record.counts.unchanged
        row.failed = record.counts.failed
        row.listings_not_modified = record.counts.listings_not_modified
        row.listings_not_due = record.counts.listings_not_due
        row.outlets = {name: dict(counts) for name, counts in record.counts.outlets.items()}
        row.exit_code = record.exit_code
        session.flush()
        return row.id


def recent_runs(engine: Engine, story: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs, newest first, as JSON-ready dicts (times ISO 8601 UTC)."""
    query = select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit)
    if story is not None:
        query = query.where(CrawlRun.story == story)
    with Session(engine) as session:
        return [_run_dict(run) for run in session.scalars(query)]


def _run_dict(run: CrawlRun) -> dict[str, Any]:
    def iso(when: datetime | None) -> str | None:
        return when.isoformat().replace("+00:00", "Z") if when else None

    return {
        "id": run.id,
        "story": run.story,
        "spider": run.spider,
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
        "finish_reason": run.finish_reason,
        "exit_code": run.exit_code,
        "new": run.new,
        "updated": run.updated,
        "deleted": run.deleted,
        "unchanged": run.unchanged,
        "failed": run.failed,
        "articles_discovered": run.discovered,
        "articles_fetched": run.fetched,
        "articles_stored": run.stored,
        "listings_not_modified": run.listings_not_modified,
        "listings_not_due": run.listings_not_due,
        "dropped": dict(run.dropped or {}),
        "outlets": dict(run.outlets or {}),
    }
