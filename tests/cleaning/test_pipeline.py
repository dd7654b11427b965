"""CleanPipeline: fills the item's clean fields, counts removals, drops empty articles."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy import Spider
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem
from crawler.story import Story, parse_story
from pipelines.cleaning.pipeline import CleanPipeline
from tests.cleaning.seed_texts import SEED_CONTEXTS, expected_lines, seed_text


def story_with(boilerplate: list[str]) -> Story:
    return parse_story(
        {
            "name": "putin-china",
            "title": "Putin's state visit to China",
            "window": {"start": date(2024, 5, 16), "end": date(2024, 5, 17)},
            "sources": [
                {
                    "outlet": "The Planet",
                    "feeds": ["https://planet.test/feed.xml"],
                    "boilerplate": boilerplate,
                }
            ],
        }
    )


STORY = story_with([r"^Our Pledge:"])


class StorySpider(Spider):
    name = "story"


def make_item(raw_text: str | None, **fields: object) -> ArticleItem:
    item = ArticleItem(
        url="https://planet.test/a",
        final_url="https://planet.test/a",
        outlet="The Planet",
        host="planet.test",
        http_status=200,
        fetched_at=datetime(2024, 5, 16, tzinfo=UTC),
        discovered_via="feed",
        raw_text=raw_text,
    )
    for name, value in fields.items():
        setattr(item, name, value)
    return item


def make_pipeline(story: object = None) -> CleanPipeline:
    crawler = get_crawler(StorySpider)
    spider = StorySpider()
    if story is not None:
        spider.story = story  # type: ignore[attr-defined]
    crawler.spider = spider
    return CleanPipeline.from_crawler(crawler)


def test_pipeline_sets_clean_fields_of_a_seed() -> None:
    pipeline = make_pipeline()
    context = SEED_CONTEXTS["001"]
    item = make_item(seed_text("001"), title=context.title, description=context.description)

    result = pipeline.process_item(item)

    assert result is item
    assert item.text is not None and item.text.split("\n") == expected_lines("001")
    assert item.credits == [
        "With reporting by Erin Hale in Taipei",
        "Source: Al Jazeera and news agencies",
    ]
    assert item.word_count == len(item.text.split())
    assert item.text_hash is not None and len(item.text_hash) == 64
    assert item.removed[:2] == ["headline", "standfirst"]


def test_pipeline_counts_removed_lines_per_rule() -> None:
    pipeline = make_pipeline()

    pipeline.process_item(make_item("BEIJING. Putin arrived.\n0\n207\nShare"))

    stats = pipeline.crawler.stats
    assert stats.get_value("storywatch/clean/removed/counter") == 2
    assert stats.get_value("storywatch/clean/removed/share_buttons") == 1


def test_pipeline_moves_the_dateline() -> None:
    item = make_pipeline().process_item(make_item("BEIJING. Putin arrived in Beijing."))

    assert (item.dateline, item.text) == ("BEIJING", "Putin arrived in Beijing.")


def test_pipeline_drops_an_article_with_no_text_left() -> None:
    pipeline = make_pipeline()

    with pytest.raises(DropItem, match="no text left after cleaning"):
        pipeline.process_item(make_item("Share\n0\nAdvertisement"))

    assert pipeline.crawler.stats.get_value("storywatch/dropped/empty_after_cleaning") == 1


def test_pipeline_applies_the_outlet_patterns_of_the_spider_story() -> None:
    raw = "Putin arrived in Beijing.\nOur Pledge: The Planet Principles."

    with_story = make_pipeline(STORY).process_item(make_item(raw))
    without_story = make_pipeline().process_item(make_item(raw))

    assert with_story.text == "Putin arrived in Beijing."
    assert with_story.removed == ["outlet_pattern"]
    assert without_story.text == raw


def test_pipeline_ignores_an_unknown_host() -> None:
    raw = "Putin arrived in Beijing.\nOur Pledge: The Planet Principles."

    item = make_pipeline(STORY).process_item(make_item(raw, host="elsewhere.test"))

    assert item.text == raw


def test_pipeline_passes_other_items_through() -> None:
    pipeline = make_pipeline()
    other = {"url": "https://planet.test/a"}

    assert pipeline.process_item(other) is other
    assert make_pipeline().process_item(make_item(None)).text is None


def test_from_crawler_does_not_touch_stats() -> None:
    crawler: Any = SimpleNamespace(spider=None)  # no stats attribute at all

    pipeline = CleanPipeline.from_crawler(crawler)

    assert pipeline.crawler is crawler
