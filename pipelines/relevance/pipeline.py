"""Item pipeline that judges each cleaned article's relevance to the crawl's story."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from crawler.items import ArticleItem
from crawler.story import Story
from pipelines.relevance.judge import RelevanceJudge, Thresholds

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler

STAT_LABEL = "storywatch/relevance/{label}"


class RelevancePipeline:
    """Label every article relevant, grey or off-topic, keeping the evidence; drops nothing.

    Off-topic articles are stored with their decision so thresholds can be re-tuned later
    without re-crawling. STORYWATCH_RELEVANT_SIMILARITY and STORYWATCH_GREY_SIMILARITY tune it.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.thresholds = Thresholds(
            relevant=settings.getfloat("STORYWATCH_RELEVANT_SIMILARITY", Thresholds.relevant),
            grey=settings.getfloat("STORYWATCH_GREY_SIMILARITY", Thresholds.grey),
        )
        self._judge: RelevanceJudge | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the pipeline from the crawler's settings."""
        return cls(crawler)

    def open_spider(self) -> None:
        """Read the story's exemplars once; a crawl without a story file judges nothing."""
        story = getattr(self.crawler.spider, "story", None)
        if isinstance(story, Story):
            self._judge = RelevanceJudge(story, self.thresholds)

    def process_item(self, item: Any) -> Any:
        """Set the item's relevance fields; items of a crawl without a story pass untouched."""
        if self._judge is None or not isinstance(item, ArticleItem) or item.text is None:
            return item
        decision = self._judge.judge(
            title=item.title,
            description=item.description,
            text=item.text,
            published_at=item.published_at,
            language=item.language,
        )
        item.relevance = decision.label
        item.relevance_reason = decision.reason
        item.query_in_lead = decision.query_in_lead
        item.query_in_text = decision.query_in_text
        item.exemplar_similarity = decision.similarity
        item.in_window = decision.in_window
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(STAT_LABEL.format(label=decision.label))
        return item
