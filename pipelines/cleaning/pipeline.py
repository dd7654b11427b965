"""Item pipeline that cleans an article's extracted text and records what it took out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.exceptions import DropItem

from crawler.items import ArticleItem
from crawler.story import Story
from pipelines.cleaning.apply import clean_item

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

STAT_REMOVED = "storywatch/clean/removed/{rule}"
STAT_EMPTY = "storywatch/dropped/empty_after_cleaning"


class CleanPipeline:
    """Set text, text_hash, word_count, credits, dateline and removed from an item's raw_text.

    In a crawl the extraction worker has already cleaned the item (pipelines/page_job.py): this
    pipeline then only counts the rules that fired. An item with no clean text yet is cleaned
    here, so a page the worker's cleaning emptied is counted and dropped like any other.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the pipeline; stats are not touched here (they may not exist yet)."""
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        """Clean an ArticleItem that has raw text; other items pass through untouched."""
        if not isinstance(item, ArticleItem) or item.raw_text is None:
            return item
        if item.text is not None:
            removed = item.removed  # cleaned in the worker
        else:
            result = clean_item(item, self._outlet_patterns(item.host))
            removed = [rule for rule, _line in result.removed]
        stats = self.crawler.stats
        assert stats is not None
        for rule in removed:
            stats.inc_value(STAT_REMOVED.format(rule=rule))
        if item.text is None:
            stats.inc_value(STAT_EMPTY)
            raise DropItem(f"no text left after cleaning: {item.url}")
        return item

    def _outlet_patterns(self, host: str) -> tuple[str, ...]:
        # Story files are validated on load, so their patterns compile.
        story = getattr(self.crawler.spider, "story", None)
        if not isinstance(story, Story):
            return ()
        source = story.source_for_host(host)
        return source.boilerplate if source is not None else ()
