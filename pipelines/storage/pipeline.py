"""StorePipeline: migrate when the crawl opens, then upsert articles in batches off the reactor."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, NoReturn

from scrapy.exceptions import CloseSpider, DropItem

from crawler.items import ArticleChecked, ArticleGone, ArticleItem, ListingChecked
from pipelines.copies.run import cluster_story, thresholds_from
from pipelines.storage import stats as storage_stats
from pipelines.storage.database import (
    StorageUnavailable,
    configured_url,
    create_engine,
    describe_error,
)
from pipelines.storage.migrate import prepare
from pipelines.storage.rows import UnstorableArticle, article_row
from pipelines.storage.writer import ArticleWriter

if TYPE_CHECKING:
    from pipelines.storage.store import Batch

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

CLOSE_REASON_UNAVAILABLE = "database_unavailable"


class StorePipeline:
    """Upsert cleaned articles by canonical URL in batches written by one thread off the reactor."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.database_url: str = configured_url(settings)
        self.auto_migrate = settings.getbool("STORYWATCH_AUTO_MIGRATE", True)
        self.batch_size = settings.getint("STORYWATCH_STORE_BATCH_SIZE", 100)
        self.flush_seconds = settings.getfloat("STORYWATCH_STORE_FLUSH_SECONDS", 5.0)
        self.cluster_on_close = settings.getbool("STORYWATCH_CLUSTER_ON_CLOSE", True)
        self.copy_thresholds = thresholds_from(settings)
        self._writer: ArticleWriter | None = None
        self._closing = asyncio.Event()
        self._flusher: asyncio.Task[None] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the pipeline from the crawler's settings."""
        return cls(crawler)

    async def open_spider(self) -> None:
        """Check and migrate the database on the writer thread; close the spider if that fails."""
        try:
            engine = create_engine(self.database_url)
        except StorageUnavailable as exc:
            self._give_up(exc)
        writer = ArticleWriter(engine, self.batch_size)
        try:
            await asyncio.wrap_future(writer.call(prepare, engine, migrate=self.auto_migrate))
        except StorageUnavailable as exc:
            await asyncio.wrap_future(writer.close())
            self._give_up(exc)
        self._writer = writer
        if self.flush_seconds > 0:
            self._flusher = asyncio.create_task(self._flush_periodically(writer))

    async def process_item(self, item: Any) -> Any:
        """Queue an article, a re-check, a deletion or a listing state; write full batches."""
        if self._writer is None:
            return item
        if isinstance(item, ArticleChecked | ArticleGone | ListingChecked):
            batch = self._writer.add_record(item)
        elif isinstance(item, ArticleItem):
            try:
                row = article_row(item)
            except UnstorableArticle as exc:
                self.crawler.stats.inc_value(f"{storage_stats.DROPPED_PREFIX}{exc.reason}")
                raise DropItem(str(exc)) from None
            batch = self._writer.add(row)
        else:
            return item
        if batch:
            # Awaiting the write holds back this item only, and slows intake if the database lags.
            await self._write(self._writer, batch)
        return item

    async def close_spider(self) -> None:
        """Write what is still pending, then release the database."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        self._closing.set()
        if self._flusher is not None:
            await self._flusher
        batch = writer.take()
        if len(batch):
            await self._write(writer, batch)
        if self.cluster_on_close:
            await self._cluster(writer)
        await asyncio.wrap_future(writer.close())
        logger.info(
            "Stored %(count)d articles in %(url)s",
            {
                "count": self.crawler.stats.get_value(storage_stats.STORED, 0),
                "url": writer.engine.url,
            },
        )

    async def _flush_periodically(self, writer: ArticleWriter) -> None:
        # Bounds how long a row waits when articles trickle in slower than a batch fills.
        while True:
            try:
                await asyncio.wait_for(self._closing.wait(), timeout=self.flush_seconds)
            except TimeoutError:
                batch = writer.take()
                if len(batch):
                    await self._write(writer, batch)
            else:
                return

    async def _write(self, writer: ArticleWriter, batch: Batch) -> None:
        # Stats are touched here, back on the reactor thread, never from the writer thread.
        stats = self.crawler.stats
        try:
            result = await asyncio.wrap_future(writer.write(batch))
        except Exception as exc:  # a failed batch is counted and logged; the crawl goes on
            logger.error(
                "Could not store %(count)d articles: %(error)s",
                {"count": len(batch.articles), "error": describe_error(exc)},
            )
            stats.inc_value(storage_stats.STORE_FAILED, len(batch.articles))
            return
        stats.inc_value(storage_stats.STORED, result.stored)
        for outlet, outcome in result.outcomes:
            stats.inc_value(storage_stats.article_outcome(outcome))
            stats.inc_value(storage_stats.outlet_count(outlet, outcome))

    async def _cluster(self, writer: ArticleWriter) -> None:
        # On the writer thread, after the last batch: the reactor stays free, and every stored
        # article of the story is there to compare.
        story = getattr(self.crawler.spider, "story_name", None)
        stats = self.crawler.stats
        try:
            run = await asyncio.wrap_future(
                writer.call(cluster_story, writer.engine, story, self.copy_thresholds)
            )
        except Exception as exc:  # the articles are stored; clustering can be rerun by command
            logger.error("Could not cluster copies: %(error)s", {"error": describe_error(exc)})
            stats.inc_value("storywatch/cluster/failed")
            return
        stats.set_value("storywatch/cluster/hashed", run.hashed)
        stats.set_value("storywatch/cluster/pairs", run.pairs)
        stats.set_value("storywatch/cluster/copies", run.copies)

    def _give_up(self, exc: StorageUnavailable) -> NoReturn:
        logger.error("Storage unavailable, closing the spider: %(error)s", {"error": exc})
        self.crawler.stats.set_value(storage_stats.STORAGE_UNAVAILABLE, 1)
        # Scrapy 2.18+ honours CloseSpider raised while the spider opens.
        raise CloseSpider(CLOSE_REASON_UNAVAILABLE)
