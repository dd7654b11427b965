"""Item pipeline: extract, clean and judge each fetched page in a process pool."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from crawler.story import Story
from pipelines.extraction.pool import ExtractionFailed, ExtractionPool
from pipelines.page_job import PageJobSetup, PageOutcome, configure_worker, process_page
from pipelines.relevance.pipeline import thresholds_from

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class ExtractPipeline:
    """Runs each fetched page through the worker job (extract, clean, judge) off the reactor.

    The item comes back with its extracted, clean and relevance fields set; the cleaning and
    relevance pipelines after this one only count what the worker did, and drop what it emptied.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._pool: ExtractionPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the pipeline from the crawler's settings."""
        return cls(crawler)

    @property
    def pool(self) -> ExtractionPool:
        """The worker pool (started when the spider opens)."""
        assert self._pool is not None, "the pool starts when the spider opens"
        return self._pool

    def open_spider(self) -> None:
        """Start the workers with the crawl's story: its outlet patterns and relevance model."""
        settings = self.crawler.settings
        story = getattr(self.crawler.spider, "story", None)
        setup = PageJobSetup.for_story(
            story if isinstance(story, Story) else None, thresholds_from(settings)
        )
        self._pool = ExtractionPool(
            workers=settings.getint("STORYWATCH_EXTRACT_WORKERS"),
            timeout=settings.getfloat("STORYWATCH_EXTRACT_TIMEOUT"),
            tasks_per_child=settings.getint("STORYWATCH_EXTRACT_TASKS_PER_CHILD"),
            max_in_flight=settings.getint("STORYWATCH_EXTRACT_MAX_IN_FLIGHT"),
            job=process_page,
            initializer=configure_worker,
            initargs=(setup,),
        )

    def close_spider(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.close()

    async def process_item(self, item: Any) -> Any:
        """Process the item's HTML in a worker; drop it, with a reason and a stat, if no article."""
        if not isinstance(item, ArticleItem):
            return item  # re-checks, deletions and listing states go straight to the store
        stats = self.crawler.stats
        assert stats is not None
        html, item.html = item.html or "", None  # the HTML is not needed past this point
        try:
            outcome: PageOutcome = await self.pool.extract(html, item)
        except ExtractionFailed as exc:
            stats.inc_value(f"storywatch/dropped/extract_{exc.reason}")
            logger.warning(
                "Extraction failed for %(url)s: %(err)s", {"url": item.final_url, "err": exc}
            )
            raise DropItem(f"extraction failed: {exc}") from None
        if outcome.no_article_reason:
            reason = outcome.no_article_reason
            stats.inc_value("storywatch/dropped/no_article")
            logger.info(
                "No article at %(url)s: %(reason)s", {"url": item.final_url, "reason": reason}
            )
            raise DropItem(f"no article: {reason}")
        if outcome.text_source != "trafilatura":
            stats.inc_value(f"storywatch/extract/text_from_{outcome.text_source}")
        stats.inc_value("storywatch/extracted")
        return outcome.item  # the worker's copy, which carries every field it set
