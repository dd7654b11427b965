"""CrawlRunRecorder: write a crawl_runs row when a spider opens and complete it when it closes."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals

from crawler.clock import crawl_now
from crawler.exitcodes import exit_code_for
from pipelines.storage import stats as storage_stats
from pipelines.storage.database import configured_url, describe_error
from pipelines.storage.runs import RunCounts, RunRecord, record_run

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


# Dropped reasons that are failures (as opposed to pages that are simply not articles).
FAILURE_REASONS = ("http_", "timeout", "connection_failed", "fetch_error", "too_large", "extract_")
FAILURE_REASONS_EXACT = frozenset({"store_failed", "ignored"})
# Per-outlet counts worth keeping in crawl_runs.outlets.
OUTLET_COUNTS = (
    "new",
    "updated",
    "deleted",
    "unchanged",
    "flip_flop",
    "failed",
    "listings_ok",
    "listings_failed",
    "not_modified",
    "entries",
    "blocked",
)


def run_counts(stats: Mapping[str, Any]) -> RunCounts:
    """A run's counts from the crawler's stats; dropped holds each storywatch/dropped/<reason>."""

    def count(key: str) -> int:
        return int(stats.get(key) or 0)

    dropped = {
        key.removeprefix(storage_stats.DROPPED_PREFIX): int(value or 0)
        for key, value in sorted(stats.items())
        if key.startswith(storage_stats.DROPPED_PREFIX)
    }
    outlets: dict[str, dict[str, int]] = {}
    for key, value in sorted(stats.items()):
        if key.startswith(storage_stats.OUTLET_PREFIX):
            outlet, _, name = key.removeprefix(storage_stats.OUTLET_PREFIX).rpartition("/")
            if name in OUTLET_COUNTS:
                outlets.setdefault(outlet, {})[name] = int(value or 0)
    articles = storage_stats.ARTICLES_PREFIX
    return RunCounts(
        new=count(f"{articles}new"),
        updated=count(f"{articles}updated"),
        deleted=count(f"{articles}deleted"),
        # A version that came back (A/B flip-flop) is no change.
        unchanged=count(f"{articles}unchanged") + count(f"{articles}flip_flop"),
        failed=sum(
            n
            for reason, n in dropped.items()
            if reason.startswith(FAILURE_REASONS) or reason in FAILURE_REASONS_EXACT
        ),
        listings_not_modified=count("storywatch/listings/not_modified"),
        listings_not_due=count("storywatch/listings/not_due"),
        outlets=outlets,
        discovered=count("storywatch/discovered"),
        fetched=count("storywatch/fetched"),
        stored=count(storage_stats.STORED),
        dropped=dropped,
        errors=count("log_count/ERROR"),
    )


def _story_name(spider: Spider) -> str | None:
    name = getattr(getattr(spider, "story", None), "name", None)
    return name if isinstance(name, str) else None


class CrawlRunRecorder:
    """Record each run in crawl_runs: when, for which story, why it ended, and its counts."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.database_url = configured_url(crawler.settings)
        self.auto_migrate = crawler.settings.getbool("STORYWATCH_AUTO_MIGRATE", True)
        self._record: RunRecord | None = None
        self._run_id: int | None = None
        self._summary: str | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the recorder; stats are not read until the spider opens."""
        return cls(crawler)

    async def spider_opened(self, spider: Spider) -> None:
        """Insert the run's row, off the reactor thread."""
        self._record = RunRecord(
            spider=spider.name, story=_story_name(spider), started_at=self._now()
        )
        if self._storage_unavailable():
            return
        self._run_id = await self._save(self._record, None, migrate=self.auto_migrate)

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        """Complete the run's row with its finish time, reason and counts from the stats."""
        started = self._record or RunRecord(
            spider=spider.name, story=_story_name(spider), started_at=self._now()
        )
        stats = {**self.crawler.stats.get_stats(), "finish_reason": reason}
        record = RunRecord(
            spider=started.spider,
            story=started.story,
            started_at=started.started_at,
            finished_at=self._now(),
            finish_reason=reason,
            counts=run_counts(stats),
            exit_code=exit_code_for(stats),
        )
        self._summary = format_summary(record)
        if self._storage_unavailable():
            logger.warning("Crawl run not recorded: the database is unavailable")
            return
        await self._save(record, self._run_id, migrate=self.auto_migrate)

    def engine_stopped(self) -> None:
        """Log the run's summary as its last line, after Scrapy's own closing lines."""
        if self._summary is not None:
            logger.info("%(summary)s", {"summary": self._summary})

    def _now(self) -> datetime:
        return crawl_now(self.crawler.settings)

    def _storage_unavailable(self) -> bool:
        # The store pipeline already found the database unusable and said so: don't try again.
        return bool(self.crawler.stats.get_value(storage_stats.STORAGE_UNAVAILABLE))

    async def _save(self, record: RunRecord, run_id: int | None, *, migrate: bool) -> int | None:
        # Two small writes per crawl: a worker thread each keeps the reactor free meanwhile.
        try:
            return await asyncio.to_thread(
                record_run, self.database_url, record, run_id, migrate=migrate
            )
        except Exception as exc:  # recording a run must never break the crawl it records
            logger.error(
                "Could not record the crawl run: %(error)s", {"error": describe_error(exc)}
            )
            return None


def format_summary(record: RunRecord) -> str:
    """One line for the log: the run's counts, per outlet too, and its exit status."""
    c = record.counts
    story = record.story or record.spider
    outlets = "; ".join(
        f"{name}: {o.get('new', 0)} new, {o.get('updated', 0)} updated, "
        f"{o.get('deleted', 0)} deleted, {o.get('failed', 0)} failed, "
        f"{o.get('listings_failed', 0)} listings failed"
        for name, o in sorted(c.outlets.items())
    )
    return (
        f"Run summary for {story}: {c.new} new, {c.updated} updated, {c.deleted} deleted, "
        f"{c.unchanged} unchanged, {c.failed} failed; {c.fetched} articles fetched; "
        f"{c.listings_not_modified} listings not modified, {c.listings_not_due} not due; "
        f"exit status {record.exit_code}" + (f" [{outlets}]" if outlets else "")
    )
