"""Item pipeline that judges each cleaned article's relevance to the crawl's story."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crawler.items import ArticleItem
from crawler.story import Story
from pipelines.relevance.apply import judge_item
from pipelines.relevance.judge import RelevanceJudge, Thresholds

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

STAT_LABEL = "storywatch/relevance/{label}"


def thresholds_from(settings: BaseSettings) -> Thresholds:
    """The similarity thresholds a crawl's settings give."""
    return Thresholds(
        relevant=settings.getfloat("STORYWATCH_RELEVANT_SIMILARITY", Thresholds.relevant),
        grey=settings.getfloat("STORYWATCH_GREY_SIMILARITY", Thresholds.grey),
    )


class RelevancePipeline:
    """Label every article relevant, grey or off-topic, keeping the evidence; drops nothing.

    Off-topic articles are stored with their decision so thresholds can be re-tuned later
    without re-crawling. STORYWATCH_RELEVANT_SIMILARITY and STORYWATCH_GREY_SIMILARITY tune it.
    In a crawl the extraction worker has already judged the item (pipelines/page_job.py): this
    pipeline then only counts the label.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.thresholds = thresholds_from(crawler.settings)
        self._story: Story | None = None
        self._judge: RelevanceJudge | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the pipeline from the crawler's settings."""
        return cls(crawler)

    def open_spider(self) -> None:
        """Note the crawl's story; a crawl without a story file judges nothing."""
        story = getattr(self.crawler.spider, "story", None)
        self._story = story if isinstance(story, Story) else None

    def process_item(self, item: Any) -> Any:
        """Set the item's relevance fields; items of a crawl without a story pass untouched."""
        if self._story is None or not isinstance(item, ArticleItem) or item.text is None:
            return item
        if item.relevance is None:  # not judged in a worker: judge it here
            # Built on first need only: in a crawl the workers hold the judge already.
            self._judge = self._judge or RelevanceJudge(self._story, self.thresholds)
            judge_item(self._judge, item)
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(STAT_LABEL.format(label=item.relevance))
        return item
