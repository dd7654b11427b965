"""The worker job: a page extracted, cleaned and judged in a worker process, as the stages would."""

from __future__ import annotations

import http.client
from dataclasses import replace
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import pytest
from scrapy import Spider
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem, Listing
from crawler.story import Story, load_story, parse_story
from pipelines.cleaning.apply import clean_item
from pipelines.cleaning.pipeline import CleanPipeline
from pipelines.extraction.apply import apply_extraction
from pipelines.extraction.pool import ExtractionPool
from pipelines.extraction.worker import extract_page
from pipelines.page_job import PageJobSetup, configure_worker, process_page
from pipelines.relevance.apply import judge_item
from pipelines.relevance.judge import RelevanceJudge, Thresholds
from pipelines.relevance.pipeline import RelevancePipeline
from pipelines.saved_page import saved_page_item
from tests.test_crawl_end_to_end import FIXTURE_STORY

FETCHED_AT = datetime(2024, 5, 16, 12, tzinfo=UTC)


def fetch_html(server, url: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("GET", url)
        return conn.getresponse().read().decode("utf-8")
    finally:
        conn.close()


def fetched_item(url: str) -> ArticleItem:
    host = urlsplit(url).hostname or ""
    return replace(
        saved_page_item("", url),
        html=None,
        fetched_at=FETCHED_AT,
        discovered_via="feed",
        listings=[Listing("feed", f"http://{host}/feed.xml", "A listed title", FETCHED_AT)],
        story="fixture",
    )


def with_outlet_pattern(story: Story, host: str, pattern: str) -> Story:
    sources = tuple(
        replace(s, boilerplate=(pattern,)) if host in s.hosts else s for s in story.sources
    )
    return replace(story, sources=sources)


def test_a_worker_sets_the_fields_the_extract_clean_and_judge_stages_set(fixture_server):
    url = fixture_server.web.seed_urls["001"]
    html = fetch_html(fixture_server, url)
    host = urlsplit(url).hostname or ""
    # The outlet's own pattern takes out a line of the article: it must reach the worker too.
    local = fetched_item(url)
    apply_extraction(local, extract_page(html, url))
    clean_item(local)
    assert local.text is not None
    last_line = local.text.splitlines()[-1]
    pattern = "^" + " ".join(last_line.split()[:4])
    story = with_outlet_pattern(load_story(FIXTURE_STORY), host, pattern)

    expected = fetched_item(url)
    apply_extraction(expected, extract_page(html, url))
    clean_item(expected, (pattern,))
    judge_item(RelevanceJudge(story, Thresholds()), expected)

    setup = PageJobSetup.for_story(story, Thresholds())
    pool = ExtractionPool(
        workers=1, job=process_page, initializer=configure_worker, initargs=(setup,)
    )
    try:
        outcome = pool.result(html, fetched_item(url))
    finally:
        pool.close()

    assert outcome.no_article_reason is None
    assert outcome.text_source == "trafilatura"
    assert outcome.item == expected
    assert outcome.item.relevance == "relevant"
    assert "outlet_pattern" in outcome.item.removed
    assert last_line not in (outcome.item.text or "")


def test_a_page_without_an_article_comes_back_with_the_reason():
    outcome = process_page(
        "<html><body><nav>Home</nav></body></html>", fetched_item("http://a.test/x")
    )
    assert outcome.no_article_reason
    assert outcome.item.text is None and outcome.item.relevance is None


def test_without_a_story_the_worker_cleans_and_judges_nothing_more():
    setup = PageJobSetup.for_story(None, Thresholds())
    assert setup == PageJobSetup()
    assert setup.judge is None


class StorySpider(Spider):
    name = "story"


def crawler_with(story: Story | None):
    crawler = get_crawler(StorySpider)
    spider = StorySpider()
    if story is not None:
        spider.story = story  # type: ignore[attr-defined]
    crawler.spider = spider
    crawler.stats.open_spider()
    return crawler


def worker_item() -> ArticleItem:
    """An item as a worker returns it: cleaned and judged, with the rules that fired."""
    item = fetched_item("https://planet.test/a")
    item.raw_text = "Raw text the worker cleaned.\nRead more: elsewhere"
    item.text = "Raw text the worker cleaned."
    item.removed = ["read_also", "read_also"]
    item.relevance = "grey"
    item.relevance_reason = "touches the story; check by hand"
    return item


def test_the_cleaning_pipeline_counts_a_worker_cleaned_item_and_keeps_its_text():
    crawler = crawler_with(None)
    item = CleanPipeline.from_crawler(crawler).process_item(worker_item())
    assert item.text == "Raw text the worker cleaned."
    assert item.removed == ["read_also", "read_also"]
    assert crawler.stats.get_value("storywatch/clean/removed/read_also") == 2


@pytest.mark.parametrize("label", ["grey", "relevant"])
def test_the_relevance_pipeline_counts_a_worker_judged_item_without_judging_again(label):
    story = parse_story(
        {
            "name": "s",
            "title": "S",
            "query": "Putin",
            "window": {"start": date(2024, 5, 16), "end": date(2024, 5, 17)},
            "sources": [{"outlet": "The Planet", "feeds": ["https://planet.test/feed.xml"]}],
        }
    )
    crawler = crawler_with(story)
    pipeline = RelevancePipeline.from_crawler(crawler)
    pipeline.open_spider()
    item = worker_item()
    item.relevance = label  # the query does not match: judged here, it would be off-topic
    result = pipeline.process_item(item)
    assert result.relevance == label
    assert result.relevance_reason == "touches the story; check by hand"
    assert crawler.stats.get_value(f"storywatch/relevance/{label}") == 1
