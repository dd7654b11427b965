"""``scrapy demo``: serve the fixture web, crawl the fixture story, print the coverage report."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.crawler import Crawler
from scrapy.settings import SETTINGS_PRIORITIES

from crawler.fixtureweb.seeds import seeds_dir
from crawler.fixtureweb.server import FixtureServer
from crawler.fixtureweb.site import build_fixture_web
from crawler.spiders.story import StorySpider
from crawler.story import StoryError, load_story
from pipelines.storage.database import StorageUnavailable, configured_url, create_engine, safe_url
from pipelines.storage.report import coverage, format_report

if TYPE_CHECKING:
    import argparse

FIXTURE_STORY = "fixture-putin-china.toml"


class Command(ScrapyCommand):
    """Crawl the bundled fixture outlets end to end into the configured database."""

    requires_project = True
    # Applied over the project's settings (which outrank a command's defaults) unless given with
    # -s or -L: the fixture server is on loopback, where politeness delays only slow the demo.
    demo_settings: ClassVar[dict[str, Any]] = {
        "LOG_LEVEL": "WARNING",
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
    }

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Apply the demo's settings where the command line did not set them."""
        super().process_options(args, opts)
        assert self.settings is not None
        for name, value in self.demo_settings.items():
            if (self.settings.getpriority(name) or 0) < SETTINGS_PRIORITIES["cmdline"]:
                self.settings.set(name, value, priority="cmdline")

    def short_desc(self) -> str:
        """One-line help."""
        return "Crawl the bundled fixture web (no internet needed) and print what was stored"

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Serve, crawl, print the coverage report (relevance, originals and copies)."""
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
                print()
                print(format_report(coverage(engine, story.name)))
            finally:
                engine.dispose()
        except StorageUnavailable as exc:
            print(f"storywatch demo: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        if stats.get("finish_reason") != "finished":
            self.exitcode = 1
