"""Incremental crawls through the fixture web: only new work, updates kept, deletions marked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import select

from crawler.spiders.story import StorySpider
from pipelines.storage.database import create_engine
from pipelines.storage.models import Article, ArticleVersion, CrawlRun
from tests.aio import async_test
from tests.conftest import fixture_crawl_settings
from tests.incremental.edits import edited, new_article, redraw

REPO = Path(__file__).resolve().parents[2]
FIXTURE_STORY = REPO / "seeds" / "fixture-putin-china.toml"
# Late on 18 May 2024: the champions-cup report is two hours old (re-checked every 15 minutes),
# the story's own articles are one to three days old (every 3 hours).
T0 = datetime(2024, 5, 18, 23, 0, tzinfo=UTC)


async def crawl(server, database_url, now, **spider_args):
    settings = fixture_crawl_settings(server, database_url, STORYWATCH_NOW=now.isoformat())
    crawler = get_crawler(StorySpider, settings)
    await crawler.crawl_async(story=str(FIXTURE_STORY), **spider_args)
    return crawler.stats.get_stats()


def article_gets(server, article_urls):
    """Article URLs the fixture server was asked for (query ignored), in order."""
    return [
        e.url.split("?")[0]
        for e in server.request_log
        if e.method == "GET" and e.url.split("?")[0] in article_urls
    ]


def stored(database_url):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            articles = {a.canonical_url: a for a in connection.execute(select(Article))}
            versions = connection.execute(select(ArticleVersion)).all()
            runs = connection.execute(select(CrawlRun).order_by(CrawlRun.id)).all()
    finally:
        engine.dispose()
    return articles, versions, runs


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_second_run_fetches_only_the_new_the_signalled_and_the_due(
    fixture_server, database_url
):
    web = fixture_server.web
    first = await crawl(fixture_server, database_url, T0)
    assert first["storywatch/articles/new"] == first["storywatch/stored"] > 10
    before, _, _ = stored(database_url)

    # One article edited (its feed shows the new headline), one new article in a feed, one
    # article removed (404); Daily Guardian's feed stays as it was (304).
    seed = web.article("001")
    seed_edit = edited(
        seed,
        "‘Old friend’ Putin arrives in Beijing for state visit, summit with Xi Jinping",
        "Correction: An earlier version of this article misstated where the summit was held.",
    )
    aljazeera = [
        a if a.key != "001" else seed_edit for a in web.articles if a.outlet is seed.outlet
    ]
    redraw(web, aljazeera, [seed.url, web.outlets["aljazeera.test"].feeds[0]])
    template = web.article("heat-index-advisory")
    fresh = new_article(
        template,
        "trade-deal",
        "/2024/05/18/china-and-russia-sign-trade-accords-after-summit/",
        "China and Russia sign trade accords after summit",
        T0 - timedelta(minutes=20),
    )
    newsworld = [a for a in web.articles if a.outlet is template.outlet] + [fresh]
    redraw(web, newsworld, [fresh.url, web.outlets["newsworld.test"].feeds[0]])
    removed = web.article("champions-cup-final").url
    web.remove(removed)
    fixture_server.clear_request_log()
    article_urls = {a.url for a in web.articles} | {fresh.url}

    second = await crawl(fixture_server, database_url, T0 + timedelta(minutes=45))

    assert second["finish_reason"] == "finished"
    assert second["storywatch/articles/new"] == 1
    assert second["storywatch/articles/updated"] == 1
    assert second["storywatch/articles/deleted"] == 1
    # Only those three were asked for; every unchanged article was left alone.
    assert sorted(article_gets(fixture_server, article_urls)) == sorted(
        [fresh.url, seed.url, removed]
    )
    guardian_feed = web.outlets["dailyguardian.test"].feeds[0]
    (feed_request,) = [e for e in fixture_server.request_log if e.url == guardian_feed]
    assert feed_request.status == 304
    assert "If-None-Match" in feed_request.headers

    articles, versions, runs = stored(database_url)
    assert articles[fresh.url].first_seen_at == T0 + timedelta(minutes=45)
    assert articles[removed].deleted_at == T0 + timedelta(minutes=45)
    assert articles[removed].text == before[removed].text  # marked, never deleted
    updated = articles[seed.url]
    assert updated.title != before[seed.url].title
    assert updated.updated_at == T0 + timedelta(minutes=45)
    (version,) = versions
    assert version.article_id == updated.id
    assert (version.text, version.title) == (before[seed.url].text, before[seed.url].title)
    assert version.fetched_at == before[seed.url].fetched_at
    assert version.title_changed and not version.trivial
    assert version.chars_added > 50 and version.chars_removed == 0
    assert version.correction.startswith("Correction: An earlier version")
    run = runs[-1]
    assert (run.new, run.updated, run.deleted, run.exit_code) == (1, 1, 1, 0)
    assert run.listings_not_modified >= 1

    fixture_server.clear_request_log()
    third = await crawl(fixture_server, database_url, T0 + timedelta(minutes=46), force="1")

    # Every listing read again (forced), conditionally; not one article fetched.
    assert article_gets(fixture_server, article_urls) == []
    assert third["storywatch/listings/not_modified"] >= 8
    assert "storywatch/fetched" not in third
