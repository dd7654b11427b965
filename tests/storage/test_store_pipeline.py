from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from crawler.extensions.run_recorder import CrawlRunRecorder
from crawler.items import ArticleItem
from pipelines.storage.models import Article
from pipelines.storage.pipeline import StorePipeline
from tests.aio import async_test

UNREACHABLE = {
    "postgresql": "postgresql://postgres@127.0.0.1:1/test",
    "sqlite": "sqlite:////nonexistent-storywatch-dir/storywatch.db",
}


def store_crawler(database_url: str, **settings: Any) -> Crawler:
    return get_crawler(
        settings_dict={
            "STORYWATCH_DATABASE_URL": database_url,
            "STORYWATCH_STORE_BATCH_SIZE": 3,
            "STORYWATCH_STORE_FLUSH_SECONDS": 60.0,
            **settings,
        }
    )


def count_articles(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(Article)).scalar_one()


def article(make_item: Callable[..., ArticleItem], n: int) -> ArticleItem:
    return make_item(
        canonical_url=f"https://news.example/{n}", final_url=f"https://news.example/{n}"
    )


@async_test
async def test_rows_are_written_when_the_batch_is_full(
    engine: Engine, database_url: str, make_item: Callable[..., ArticleItem]
) -> None:
    crawler = store_crawler(database_url)
    pipeline = StorePipeline.from_crawler(crawler)
    await pipeline.open_spider()

    for n in range(2):
        await pipeline.process_item(article(make_item, n))
    assert count_articles(engine) == 0

    await pipeline.process_item(article(make_item, 2))
    assert count_articles(engine) == 3
    assert crawler.stats.get_value("storywatch/stored") == 3
    await pipeline.close_spider()


@async_test
async def test_the_same_url_twice_counts_once_towards_the_batch(
    engine: Engine, database_url: str, make_item: Callable[..., ArticleItem]
) -> None:
    pipeline = StorePipeline.from_crawler(store_crawler(database_url))
    await pipeline.open_spider()

    for n in (0, 0, 1):
        await pipeline.process_item(article(make_item, n))
    assert count_articles(engine) == 0

    await pipeline.close_spider()
    assert count_articles(engine) == 2


@async_test
async def test_rows_are_written_on_the_timer(
    engine: Engine, database_url: str, make_item: Callable[..., ArticleItem]
) -> None:
    crawler = store_crawler(database_url, STORYWATCH_STORE_FLUSH_SECONDS=0.05)
    pipeline = StorePipeline.from_crawler(crawler)
    await pipeline.open_spider()

    await pipeline.process_item(article(make_item, 0))
    for _ in range(100):
        if count_articles(engine):
            break
        await asyncio.sleep(0.02)

    assert count_articles(engine) == 1
    assert crawler.stats.get_value("storywatch/stored") == 1
    await pipeline.close_spider()


@async_test
async def test_pending_rows_are_written_at_close(
    engine: Engine, database_url: str, make_item: Callable[..., ArticleItem]
) -> None:
    crawler = store_crawler(database_url, STORYWATCH_STORE_BATCH_SIZE=100)
    pipeline = StorePipeline.from_crawler(crawler)
    await pipeline.open_spider()
    for n in range(2):
        await pipeline.process_item(article(make_item, n))
    assert count_articles(engine) == 0

    await pipeline.close_spider()

    assert count_articles(engine) == 2
    assert crawler.stats.get_value("storywatch/stored") == 2


@async_test
async def test_a_failed_batch_is_counted_and_logged_and_the_crawl_goes_on(
    engine: Engine,
    database_url: str,
    make_item: Callable[..., ArticleItem],
    caplog: pytest.LogCaptureFixture,
) -> None:
    crawler = store_crawler(database_url, STORYWATCH_STORE_BATCH_SIZE=1)
    pipeline = StorePipeline.from_crawler(crawler)
    await pipeline.open_spider()
    with engine.begin() as connection:
        # Other tables refer to articles; PostgreSQL drops those references only when told to.
        cascade = " CASCADE" if connection.dialect.name == "postgresql" else ""
        connection.execute(text(f"DROP TABLE articles{cascade}"))

    item = article(make_item, 0)
    assert await pipeline.process_item(item) is item

    assert crawler.stats.get_value("storywatch/dropped/store_failed") == 1
    assert crawler.stats.get_value("storywatch/stored") is None
    (record,) = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert record.getMessage().startswith("Could not store 1 articles: ")
    assert "\n" not in record.getMessage()
    assert record.exc_info is None
    await pipeline.close_spider()


@async_test
async def test_an_item_without_clean_text_is_dropped_and_counted(
    engine: Engine, database_url: str, make_item: Callable[..., ArticleItem]
) -> None:
    crawler = store_crawler(database_url)
    pipeline = StorePipeline.from_crawler(crawler)
    await pipeline.open_spider()

    with pytest.raises(DropItem):
        await pipeline.process_item(make_item(text=None))

    assert crawler.stats.get_value("storywatch/dropped/no_text") == 1
    await pipeline.close_spider()


class OneArticleSpider(Spider):
    name = "one_article"

    async def start(self) -> AsyncIterator[Any]:
        yield self.settings["TEST_ITEM"]


@pytest.mark.usefixtures("quick_heartbeat")
@pytest.mark.parametrize("backend", sorted(UNREACHABLE))
@async_test
async def test_an_unreachable_database_closes_the_crawl_with_one_clear_error(
    backend: str, make_item: Callable[..., ArticleItem], caplog: pytest.LogCaptureFixture
) -> None:
    crawler = get_crawler(
        OneArticleSpider,
        {
            "STORYWATCH_DATABASE_URL": UNREACHABLE[backend],
            "ITEM_PIPELINES": {StorePipeline: 900},
            # As in a real crawl: the run recorder must not add errors of its own.
            "EXTENSIONS": {CrawlRunRecorder: 510},
            "TEST_ITEM": make_item(),
        },
    )

    await crawler.crawl_async()

    assert crawler.stats.get_value("finish_reason") == "database_unavailable"
    assert crawler.stats.get_value("storywatch/storage/unavailable") == 1
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    message = errors[0].getMessage()
    assert message.startswith("Storage unavailable, closing the spider: ")
    assert "\n" not in message
    assert not any(r.exc_info for r in caplog.records)


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_a_crawl_migrates_the_database_and_stores_its_articles(
    database_url: str, make_item: Callable[..., ArticleItem]
) -> None:
    crawler = get_crawler(
        OneArticleSpider,
        {
            "STORYWATCH_DATABASE_URL": database_url,
            "ITEM_PIPELINES": {StorePipeline: 900},
            "TEST_ITEM": make_item(),
        },
    )

    await crawler.crawl_async()

    assert crawler.stats.get_value("finish_reason") == "finished"
    assert crawler.stats.get_value("storywatch/stored") == 1


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_without_auto_migrate_an_unmigrated_database_closes_the_crawl(
    database_url: str, make_item: Callable[..., ArticleItem], caplog: pytest.LogCaptureFixture
) -> None:
    crawler = get_crawler(
        OneArticleSpider,
        {
            "STORYWATCH_DATABASE_URL": database_url,
            "STORYWATCH_AUTO_MIGRATE": False,
            "ITEM_PIPELINES": {StorePipeline: 900},
            "TEST_ITEM": make_item(),
        },
    )

    await crawler.crawl_async()

    assert crawler.stats.get_value("finish_reason") == "database_unavailable"
    (error,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert "run `scrapy db upgrade`" in error
