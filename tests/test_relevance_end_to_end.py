"""Relevance and copies end to end: the fixture web crawled into a database, then read back."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from scrapy.utils.test import get_crawler
from sqlalchemy import select, update

from crawler.spiders.story import StorySpider
from pipelines.copies.compare import CopyThresholds
from pipelines.copies.run import cluster_story
from pipelines.storage.database import create_engine
from pipelines.storage.export import export_articles
from pipelines.storage.models import Article, ArticleAlias, CopyPair
from pipelines.storage.report import coverage, format_report
from pipelines.storage.upsert import upsert_articles
from tests.aio import async_test
from tests.conftest import fixture_crawl_settings
from tests.test_crawl_end_to_end import FIXTURE_STORY

SEEDS = ("000", "001", "002", "004")


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_fixture_web_is_judged_and_its_copies_traced_to_their_original(
    fixture_server, database_url, tmp_path
):
    crawler = get_crawler(StorySpider, fixture_crawl_settings(fixture_server, database_url))
    await crawler.crawl_async(story=str(FIXTURE_STORY))
    assert crawler.stats.get_value("finish_reason") == "finished"
    # Cleaned and judged in the extraction workers; the pipelines after them count what they did.
    stats = crawler.stats.get_stats()
    assert stats["storywatch/relevance/relevant"] >= len(SEEDS)
    assert stats.get("storywatch/relevance/off-topic", 0) > 0
    assert any(key.startswith("storywatch/clean/removed/") for key in stats)
    web = fixture_server.web
    (republished_url,) = web.republished_urls.values()

    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            articles = {a.canonical_url: a for a in connection.execute(select(Article))}
            query = select(ArticleAlias.alias_url, ArticleAlias.article_id)
            aliases = {url: article_id for url, article_id in connection.execute(query)}
            pairs = {(p.article_id, p.other_id): p for p in connection.execute(select(CopyPair))}

        # Relevance: the seeds are the story, decoys are not, the near-topic one never relevant.
        for seed in SEEDS:
            assert articles[web.seed_urls[seed]].relevance == "relevant", seed
        for key, url in web.decoy_urls.items():
            expected = (
                {"off-topic", "grey"} if url in web.near_topic_urls.values() else {"off-topic"}
            )
            assert articles[url].relevance in expected, key
            assert articles[url].relevance_reason and articles[url].exemplar_similarity is not None

        # Identity: the republication keeps its own row, its canonical to 001 kept aside,
        # and the feed's tracking-parameter spelling of its URL is an alias of that row.
        original = articles[web.seed_urls["001"]]
        copy = articles[republished_url]
        assert copy.cross_domain_canonical == original.canonical_url
        assert any(url.startswith(republished_url + "?utm_") for url in aliases)
        assert all(
            article_id == copy.id for url, article_id in aliases.items() if "worldwire" in url
        )

        # Copies: 000 syndicated from 001, the republication a duplicate of it, the rest original.
        rewrite = articles[web.seed_urls["000"]]
        assert (rewrite.role, rewrite.original_id, rewrite.cluster_id) == (
            "syndicated",
            original.id,
            original.id,
        )
        assert (copy.role, copy.original_id) == ("duplicate", original.id)
        assert copy.original_method == "canonical" and copy.original_confidence >= 0.8
        for seed in ("001", "002", "004"):
            assert articles[web.seed_urls[seed]].role == "original", seed
        quoting = {articles[web.seed_urls[s]].id for s in ("002", "004")}
        assert all(
            {p.article_id, p.other_id} != quoting or p.label == "partial" for p in pairs.values()
        )
        pair = pairs.get((rewrite.id, original.id)) or pairs[(original.id, rewrite.id)]
        assert pair.label == "syndicated" and pair.shared_shingles > 0

        # Export: coverage by default, every judged article with include_rejected.
        out = tmp_path / "coverage.jsonl"
        export_articles(engine, out)
        exported = [json.loads(line) for line in out.read_text().splitlines()]
        assert {row["relevance"] for row in exported} <= {"relevant", "grey"}
        by_url = {row["canonical_url"]: row for row in exported}
        assert by_url[rewrite.canonical_url]["original_url"] == original.canonical_url
        assert by_url[rewrite.canonical_url]["role"] == "syndicated"
        assert by_url[original.canonical_url]["cluster_id"] == original.id
        assert export_articles(engine, out, include_rejected=True) == len(articles)

        # Report: per-article lines and the totals.
        report = format_report(coverage(engine, "putin-china-2024-fixture"))
        assert "copy of Al Jazeera (syndicated)" in report
        assert report.splitlines()[-1] == "5 articles from 5 outlets: 3 originals, 2 copies"

        # A second run hashes nothing: every text's sketch is stored with its text hash.
        again = cluster_story(engine, "putin-china-2024-fixture", CopyThresholds())
        assert again.hashed == 0 and again.copies == 2
    finally:
        engine.dispose()


def row(n: int, text: str, story: str = "s") -> dict:
    when = datetime(2024, 5, 16, 8, n, tzinfo=UTC)
    return {
        "canonical_url": f"https://o{n}.example/a",
        "url": f"https://o{n}.example/a",
        "final_url": f"https://o{n}.example/a",
        "outlet": f"Outlet {n}",
        "host": f"o{n}.example",
        "story": story,
        "title": "t",
        "authors": [],
        "published_at": when,
        "published_source": "jsonld",
        "published_precision": "time",
        "text": text,
        "text_hash": f"{hash(text) & 0xFFFF:064d}",
        "word_count": len(text.split()),
        "credits": [],
        "tags": [],
        "http_status": 200,
        "discovered_via": "feed",
        "first_seen_at": when,
        "fetched_at": when,
    }


def roles(engine):
    with engine.connect() as connection:
        return {
            r.canonical_url: r.role
            for r in connection.execute(select(Article.canonical_url, Article.role))
        }


def test_empty_or_very_short_texts_are_never_clustered_as_copies(engine):
    short = "Putin arrived in Beijing on Thursday."
    upsert_articles(engine, [row(1, short), row(2, short), row(3, "")])

    run = cluster_story(engine, "s", CopyThresholds())

    assert run.pairs == 0 and run.copies == 0
    assert set(roles(engine).values()) == {None}


def test_a_new_run_hashes_only_new_or_changed_texts(engine):
    body = " ".join(f"word{i}" for i in range(300))
    upsert_articles(engine, [row(1, body), row(2, body + " more")])
    assert cluster_story(engine, "s", CopyThresholds()).hashed == 2

    upsert_articles(engine, [row(3, body)])
    with engine.begin() as connection:
        connection.execute(
            update(Article)
            .where(Article.canonical_url == "https://o2.example/a")
            .values(text="other " * 80, text_hash="f" * 64)
        )
    run = cluster_story(engine, "s", CopyThresholds())

    assert run.hashed == 2  # the new article and the changed one, not the unchanged first
    assert roles(engine) == {
        "https://o1.example/a": "original",
        "https://o2.example/a": "original",
        "https://o3.example/a": "duplicate",
    }
