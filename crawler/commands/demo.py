"""``scrapy demo``: serve the fixture web, crawl the fixture story, show what was stored."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.crawler import Crawler
from sqlalchemy import select

from crawler.fixtureweb.seeds import seeds_dir
from crawler.fixtureweb.server import FixtureServer
from crawler.fixtureweb.site import build_fixture_web
from crawler.spiders.story import StorySpider
from crawler.story import StoryError, load_story
from pipelines.storage.database import StorageUnavailable, configured_url, create_engine, safe_url
from pipelines.storage.models import Article

if TYPE_CHECKING:
    import argparse
    from datetime import datetime

    from sqlalchemy import Engine

FIXTURE_STORY = "fixture-putin-china.toml"


class Command(ScrapyCommand):
    """Crawl the bundled fixture outlets end to end into the configured database."""

    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {
        "LOG_LEVEL": "WARNING",
        # The fixture server is on loopback: politeness delays would only slow the demo down.
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
    }

    def short_desc(self) -> str:
        """One-line help."""
        return "Crawl the bundled fixture web (no internet needed) and print what was stored"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Serve, crawl, print the table of stored articles."""
        assert self.settings is not None and self.crawler_process is not None
        try:
            story = load_story(seeds_dir() / FIXTURE_STORY)
        except StoryError as exc:
            print(f"storywatch demo: {exc}", file=sys.stderr)
            self.exitcode = 2
            return
        database_url = configured_url(self.settings)
        with FixtureServer(build_fixture_web()) as server:
            print(f"Fixture web serving on {server.proxy_url} (outlets on *.test host names)")
            print(f"Crawling story {story.name!r} into {safe_url(database_url)} ...")
            settings = self.settings.copy()
            settings.set("STORYWATCH_PROXY", server.proxy_url, priority="cmdline")
            crawler = Crawler(StorySpider, settings)
            self.crawler_process.crawl(crawler, story=story)
            self.crawler_process.start()
        stats = crawler.stats.get_stats() if crawler.stats else {}
        print(
            f"Crawl {stats.get('finish_reason', 'did not finish')}: "
            f"{stats.get('storywatch/discovered', 0)} articles discovered, "
            f"{stats.get('storywatch/fetched', 0)} fetched, "
            f"{stats.get('storywatch/stored', 0)} stored; "
            f"{stats.get('storywatch/articles/new', 0)} new, "
            f"{stats.get('storywatch/articles/updated', 0)} updated."
        )
        try:
            engine = create_engine(database_url)
            try:
                print(format_articles(stored_articles(engine, story.name)))
            finally:
                engine.dispose()
        except StorageUnavailable as exc:
            print(f"storywatch demo: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        if stats.get("finish_reason") != "finished":
            self.exitcode = 1


def stored_articles(engine: Engine, story: str) -> list[tuple[str, datetime | None, str, str, int]]:
    """Outlet, published time, precision, title and word count of a story's stored articles."""
    query = (
        select(
            Article.outlet,
            Article.published_at,
            Article.published_precision,
            Article.title,
            Article.word_count,
        )
        .where(Article.story == story)
        .order_by(Article.published_at, Article.outlet)
    )
    with engine.connect() as connection:
        return [
            (r.outlet, r.published_at, r.published_precision or "", r.title or "", r.word_count)
            for r in connection.execute(query)
        ]


def format_articles(rows: list[tuple[str, datetime | None, str, str, int]]) -> str:
    """A plain-text table: outlet, published (UTC), title, words."""
    header = ("Outlet", "Published (UTC)", "Title", "Words")
    lines = [
        (
            outlet,
            _published(when, precision),
            title if len(title) <= 70 else title[:69] + "…",
            str(words),
        )
        for outlet, when, precision, title, words in rows
    ]
    widths = [max(len(row[i]) for row in [header, *lines]) for i in range(4)]
    out = [
        "  ".join(
            cell.rjust(w) if i == 3 else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, tuple("-" * w for w in widths), *lines]
    ]
    out.append(f"{len(rows)} articles stored")
    return "\n".join(line.rstrip() for line in out)


def _published(when: datetime | None, precision: str) -> str:
    if when is None:
        return "unknown"
    return when.strftime("%Y-%m-%d") if precision == "day" else when.strftime("%Y-%m-%d %H:%M")
