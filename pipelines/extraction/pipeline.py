"""Item pipeline: extract article text and metadata from fetched HTML in a process pool."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from pipelines.extraction.apply import apply_extraction
from pipelines.extraction.pool import ExtractionFailed, ExtractionPool

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class ExtractPipeline:
    """Runs trafilatura on each fetched page off the reactor thread and fills the item's fields."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.pool = ExtractionPool(
            workers=settings.getint("STORYWATCH_EXTRACT_WORKERS"),
            timeout=settings.getfloat("STORYWATCH_EXTRACT_TIMEOUT"),
            tasks_per_child=settings.getint("STORYWATCH_EXTRACT_TASKS_PER_CHILD"),
            max_in_flight=settings.getint("STORYWATCH_EXTRACT_MAX_IN_FLIGHT"),
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the pipeline from the crawler's settings."""
        return cls(crawler)

    def close_spider(self) -> None:
        """Stop the worker processes."""
        self.pool.close()

    async def process_item(self, item: Any) -> Any:
        """Extract the item's HTML; drop it, with a reason and a stat, when no article is found."""
        if not isinstance(item, ArticleItem):
            return item  # re-checks, deletions and listing states go straight to the store
        stats = self.crawler.stats
        assert stats is not None
        html, item.html = item.html or "", None  # the HTML is not needed past this point
        try:
            result = await self.pool.extract(html, item.final_url)
        except ExtractionFailed as exc:
            stats.inc_value(f"storywatch/dropped/extract_{exc.reason}")
            logger.warning(
                "Extraction failed for %(url)s: %(err)s", {"url": item.final_url, "err": exc}
            )
            raise DropItem(f"extraction failed: {exc}") from None
        if result["no_article_reason"]:
            reason = result["no_article_reason"]
            stats.inc_value("storywatch/dropped/no_article")
            logger.info(
                "No article at %(url)s: %(reason)s", {"url": item.final_url, "reason": reason}
            )
            raise DropItem(f"no article: {reason}")
        if result["text_source"] != "trafilatura":
            stats.inc_value(f"storywatch/extract/text_from_{result['text_source']}")
        apply_extraction(item, result)
        stats.inc_value("storywatch/extracted")
        return item
