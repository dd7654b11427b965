"""End to end: the fixture web on loopback, crawled through the real pipelines into a database."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawler.spiders.story import StorySpider
from crawler.spiders.urls import UrlsSpider
from pipelines.storage.database import create_engine
from pipelines.storage.models import Article, CrawlRun
from tests.aio import async_test
from tests.cleaning.seed_texts import EXPECTED_CREDITS, EXPECTED_DATELINES, SEED_IDS, expected_lines
from tests.conftest import fixture_crawl_settings

REPO = Path(__file__).resolve().parents[1]
FIXTURE_STORY = REPO / "seeds" / "fixture-putin-china.toml"
HOSTILE_STORY = REPO / "tests" / "stories" / "hostile.toml"


async def crawl(spider_cls, server, database_url, **spider_args):
    crawler = get_crawler(spider_cls, fixture_crawl_settings(server, database_url))
    await crawler.crawl_async(**spider_args)
    return crawler.stats.get_stats()


def stored(database_url):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            articles = {a.canonical_url: a for a in connection.execute(select(Article)).all()}
            runs = connection.execute(select(CrawlRun).order_by(CrawlRun.id)).all()
    finally:
        engine.dispose()
    return articles, runs


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_fixture_story_is_stored_clean_with_its_metadata(fixture_server, database_url):
    stats = await crawl(StorySpider, fixture_server, database_url, story=str(FIXTURE_STORY))
    assert stats["finish_reason"] == "finished"
    articles, runs = stored(database_url)
    web = fixture_server.web

    for seed in SEED_IDS:
        article = articles[web.seed_urls[seed]]
        # The acceptance check: the seed's body paragraphs, in order, complete, nothing else.
        assert article.text.splitlines() == expected_lines(seed), seed
        assert article.credits == EXPECTED_CREDITS[seed]
        assert article.dateline == EXPECTED_DATELINES[seed]
        assert article.published_source == "jsonld"
        assert article.published_precision == "time"
        assert article.published_at.tzinfo is not None
        assert article.story == "putin-china-2024-fixture"
        assert article.title and article.authors and article.language
        assert article.http_status == 200
        assert article.word_count == len(article.text.split())
        assert len(article.text_hash) == 64
        assert article.discovered_via in {"feed", "sitemap", "section"}

    al_jazeera = articles[web.seed_urls["001"]]
    assert al_jazeera.outlet == "Al Jazeera"
    assert al_jazeera.host == "aljazeera.test"
    assert al_jazeera.published_at.astimezone(UTC).isoformat() == "2024-05-16T01:41:00+00:00"
    assert al_jazeera.description.startswith("Latest visit comes as Russia presses")

    # Decoys are stored too (relevance is judged later); the robots-disallowed page never fetched.
    for url in web.decoy_urls.values():
        assert url in articles
    log = fixture_server.request_log
    for url in web.disallowed_urls.values():
        assert not log.fetched(url)
    # Every article was downloaded exactly once, however many listings named it.
    for url in articles:
        assert sum(1 for u in log.urls("GET") if u.split("?")[0] == url) == 1, url
    # Feed links with tracking parameters are stored under the clean URL.
    assert not any("utm_" in url for url in articles)

    (run,) = runs
    assert (run.story, run.spider, run.finish_reason) == (
        "putin-china-2024-fixture",
        "story",
        "finished",
    )
    assert run.fetched == run.stored == len(articles)
    assert run.discovered >= run.fetched
    assert run.dropped == {"robots_forbidden": len(web.disallowed_urls)}


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_hostile_outlet_is_counted_and_loses_nothing_already_stored(
    fixture_server, database_url
):
    await crawl(StorySpider, fixture_server, database_url, story=str(FIXTURE_STORY))
    before, _ = stored(database_url)

    stats = await crawl(StorySpider, fixture_server, database_url, story=str(HOSTILE_STORY))

    assert stats["finish_reason"] == "finished"
    after, runs = stored(database_url)
    for url, article in before.items():
        assert after[url].text == article.text
    hostile = fixture_server.web.hostile_urls
    assert hostile["good"] in after
    assert hostile["malformed"] in after  # broken markup around a readable article still counts
    for bad in ("not_found", "server_error", "empty", "pdf"):
        assert hostile[bad] not in after
    assert stats["storywatch/dropped/http_404"] == 1
    assert stats["storywatch/dropped/http_500"] == 1
    assert stats["storywatch/dropped/empty_response"] == 1
    assert stats["storywatch/dropped/not_html"] == 1
    # The truncated feed is read as far as it parses (feedparser recovers its first item).
    assert stats["storywatch/discovery/feed_repaired"] == 1
    # The entity bomb is refused by the parser; the 14 MB sitemap by the download size limit.
    assert stats["storywatch/listing_failed/sitemap_invalid"] == 1
    assert stats["storywatch/listing_failed/too_large"] == 1
    assert runs[-1].dropped["http_404"] == 1


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_urls_spider_stores_an_ad_hoc_list(fixture_server, database_url, tmp_path):
    web = fixture_server.web
    listed = tmp_path / "urls.txt"
    listed.write_text(
        f"# two articles\n{web.seed_urls['001']}\n\n{web.seed_urls['004']}?utm_source=x\n"
    )

    stats = await crawl(UrlsSpider, fixture_server, database_url, urls=str(listed))

    articles, runs = stored(database_url)
    assert set(articles) == {web.seed_urls["001"], web.seed_urls["004"]}
    assert {a.discovered_via for a in articles.values()} == {"urls"}
    # With no story file to name the outlet, the page's og:site_name does.
    assert articles[web.seed_urls["001"]].outlet == "Al Jazeera"
    assert stats["storywatch/stored"] == 2
    assert runs[-1].spider == "urls"
