"""CrawlRunRecorder: write a crawl_runs row when a spider opens and complete it when it closes."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from scrapy import signals

from pipelines.storage import stats as storage_stats
from pipelines.storage.database import configured_url, create_engine, describe_error
from pipelines.storage.migrate import prepare
from pipelines.storage.runs import RunCounts, RunRecord, save_run

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Self

    from scrapy import Spider
    from scrapy.crawler import Crawler
    from sqlalchemy.engine import Engine

logger = logging.getLogger(__name__)


def run_counts(stats: Mapping[str, Any]) -> RunCounts:
    """A run's counts from the crawler's stats; dropped holds each storywatch/dropped/<reason>."""

    def count(key: str) -> int:
        return int(stats.get(key) or 0)

    return RunCounts(
        discovered=count("storywatch/discovered"),
        fetched=count("storywatch/fetched"),
        stored=count(storage_stats.STORED),
        dropped={
            key.removeprefix(storage_stats.DROPPED_PREFIX): int(value or 0)
            for key, value in sorted(stats.items())
            if key.startswith(storage_stats.DROPPED_PREFIX)
        },
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
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the recorder; stats are not read until the spider opens."""
        return cls(crawler)

    async def spider_opened(self, spider: Spider) -> None:
        """Insert the run's row, off the reactor thread."""
        self._record = RunRecord(
            spider=spider.name, story=_story_name(spider), started_at=datetime.now(UTC)
        )
        if self._storage_unavailable():
            return
        self._run_id = await self._save(self._record, None, migrate=self.auto_migrate)

    async def spider_closed(self, spider: Spider, reason: str) -> None:
        """Complete the run's row with its finish time, reason and counts from the stats."""
        started = self._record or RunRecord(
            spider=spider.name, story=_story_name(spider), started_at=datetime.now(UTC)
        )
        record = RunRecord(
            spider=started.spider,
            story=started.story,
            started_at=started.started_at,
            finished_at=datetime.now(UTC),
            finish_reason=reason,
            counts=run_counts(self.crawler.stats.get_stats()),
        )
        if self._storage_unavailable():
            logger.warning("Crawl run not recorded: the database is unavailable")
            return
        await self._save(record, self._run_id, migrate=self.auto_migrate)

    def _storage_unavailable(self) -> bool:
        # The store pipeline already found the database unusable and said so: don't try again.
        return bool(self.crawler.stats.get_value(storage_stats.STORAGE_UNAVAILABLE))

    async def _save(self, record: RunRecord, run_id: int | None, *, migrate: bool) -> int | None:
        # Two small writes per crawl: a worker thread each keeps the reactor free meanwhile.
        try:
            return await asyncio.to_thread(_save_run, self.database_url, record, run_id, migrate)
        except Exception as exc:  # recording a run must never break the crawl it records
            logger.error(
                "Could not record the crawl run: %(error)s", {"error": describe_error(exc)}
            )
            return None


def _save_run(database_url: str, record: RunRecord, run_id: int | None, migrate: bool) -> int:
    engine: Engine = create_engine(database_url)
    try:
        prepare(engine, migrate=migrate)
        return save_run(engine, record, run_id)
    finally:
        engine.dispose()
