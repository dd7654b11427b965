from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler
from sqlalchemy import select
from sqlalchemy.orm import Session

from crawler.extensions.run_recorder import CrawlRunRecorder, run_counts
from crawler.items import ArticleItem
from pipelines.storage.database import create_engine
from pipelines.storage.models import CrawlRun
from pipelines.storage.pipeline import StorePipeline
from tests.aio import async_test

pytestmark = pytest.mark.usefixtures("quick_heartbeat")


@dataclass(frozen=True)
class NamedStory:
    name: str


class QuietSpider(Spider):
    """Yields nothing; leaves the counts a real crawl would have left in the stats."""

    name = "quiet"
    story = NamedStory("flood-2024")

    async def start(self) -> AsyncIterator[Any]:
        stats = self.crawler.stats
        stats.set_value("storywatch/discovered", 7)
        stats.set_value("storywatch/fetched", 5)
        stats.set_value("storywatch/dropped/off_topic", 2)
        stats.set_value("storywatch/dropped/duplicate", 1)
        for item in self.settings.getlist("TEST_ITEMS"):
            yield item


def recorded_runs(database_url: str) -> list[CrawlRun]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(CrawlRun)))
    finally:
        engine.dispose()


@async_test
async def test_a_crawl_run_is_recorded_with_its_counts_from_the_stats(database_url: str) -> None:
    before = datetime.now(UTC)
    crawler = get_crawler(
        QuietSpider,
        {"STORYWATCH_DATABASE_URL": database_url, "EXTENSIONS": {CrawlRunRecorder: 510}},
    )

    await crawler.crawl_async()

    (run,) = recorded_runs(database_url)
    assert (run.spider, run.story, run.finish_reason) == ("quiet", "flood-2024", "finished")
    assert before <= run.started_at <= run.finished_at  # type: ignore[operator]
    assert (run.discovered, run.fetched, run.stored, run.errors) == (7, 5, 0, 0)
    assert run.dropped == {"duplicate": 1, "off_topic": 2}


@async_test
async def test_the_run_counts_the_articles_the_pipeline_stored(
    database_url: str, make_item: Callable[..., ArticleItem]
) -> None:
    items = [make_item(canonical_url=f"https://news.example/{n}") for n in range(2)]
    crawler = get_crawler(
        QuietSpider,
        {
            "STORYWATCH_DATABASE_URL": database_url,
            "EXTENSIONS": {CrawlRunRecorder: 510},
            "ITEM_PIPELINES": {StorePipeline: 900},
            "TEST_ITEMS": items,
        },
    )

    await crawler.crawl_async()

    (run,) = recorded_runs(database_url)
    assert run.stored == 2


@async_test
async def test_an_unreachable_database_does_not_stop_the_crawl(
    caplog: pytest.LogCaptureFixture,
) -> None:
    crawler = get_crawler(
        QuietSpider,
        {
            "STORYWATCH_DATABASE_URL": "postgresql://postgres@127.0.0.1:1/test",
            "EXTENSIONS": {CrawlRunRecorder: 510},
        },
    )

    await crawler.crawl_async()

    assert crawler.stats.get_value("finish_reason") == "finished"
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors
    assert all(m.startswith("Could not record the crawl run: ") for m in errors)
    assert not any(r.exc_info for r in caplog.records)


def test_run_counts_gather_every_dropped_reason() -> None:
    counts = run_counts(
        {
            "storywatch/stored": 3,
            "storywatch/dropped/store_failed": 4,
            "storywatch/dropped/off_topic": 1,
            "log_count/ERROR": 2,
            "item_dropped_count": 9,
        }
    )
    assert counts.stored == 3
    assert counts.dropped == {"off_topic": 1, "store_failed": 4}
    assert counts.errors == 2
    assert (counts.discovered, counts.fetched) == (0, 0)
