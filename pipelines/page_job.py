"""The job a worker process runs for each crawled page: extract, clean and judge it in one go.

The reactor then only routes items and writes rows: cleaning and relevance scoring, about a
third of its CPU per page, run in the extraction workers beside trafilatura. What a stage needs
from the crawl (each outlet's boilerplate patterns, the story's relevance model) reaches every
worker once, through the pool's initializer, not with every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pipelines.cleaning.apply import clean_item
from pipelines.extraction.apply import apply_extraction
from pipelines.extraction.worker import extract_page
from pipelines.relevance.apply import judge_item
from pipelines.relevance.judge import RelevanceJudge

if TYPE_CHECKING:
    from crawler.items import ArticleItem
    from crawler.story import Story
    from pipelines.relevance.judge import Thresholds


@dataclass(frozen=True)
class PageJobSetup:
    """What every worker needs for a crawl: outlet boilerplate patterns and the relevance judge."""

    patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # host -> line patterns
    judge: RelevanceJudge | None = None  # None: the crawl has no story, nothing is judged

    @classmethod
    def for_story(cls, story: Story | None, thresholds: Thresholds) -> PageJobSetup:
        """The setup for a crawl of ``story`` (None: a crawl of plain URLs)."""
        if story is None:
            return cls()
        patterns: dict[str, tuple[str, ...]] = {}
        for source in story.sources:  # the first source listing a host wins, as source_for_host
            for host in source.hosts:
                patterns.setdefault(host, source.boilerplate)
        # Built here, once: the exemplar model travels to the workers ready to use.
        return cls(patterns, RelevanceJudge(story, thresholds))


@dataclass
class PageOutcome:
    """A worker's answer for one page: the item as far as it got, or why there is no article."""

    item: ArticleItem
    text_source: str | None  # "trafilatura", "trafilatura_unpruned" or "jsonld"
    no_article_reason: str | None = None


_setup = PageJobSetup()


def configure_worker(setup: PageJobSetup) -> None:
    """Keep the crawl's setup in this worker process (the pool's initializer)."""
    global _setup
    _setup = setup


def process_page(html: str, item: ArticleItem) -> PageOutcome:
    """Extract, clean and judge one fetched page; the item comes back with every field set.

    A page whose cleaning leaves no text comes back extracted but not cleaned: the cleaning
    pipeline then counts the rules and drops it exactly as it does for any item.
    """
    result = extract_page(html, item.final_url)
    if result["no_article_reason"]:
        return PageOutcome(item, result["text_source"], result["no_article_reason"])
    apply_extraction(item, result)
    cleaned = clean_item(item, _setup.patterns.get(item.host, ()))
    if cleaned.text and _setup.judge is not None:
        judge_item(_setup.judge, item)
    return PageOutcome(item, result["text_source"])
