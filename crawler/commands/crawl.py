"""``scrapy crawl`` with a story file checked up front and an exit status cron can trust."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.story import StoryError, load_story

if TYPE_CHECKING:
    import argparse

# Exit codes, documented in the README.
EXIT_FAILED = 1  # the crawl ran but did not finish cleanly (database down, every source failing)
EXIT_BAD_INPUT = 2  # the story file or arguments are wrong: nothing was crawled


class Command(ScrapyCrawlCommand):
    """Run a spider; refuse a broken story file before starting, naming the faulty field."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Validate the story file, crawl, then set the exit status from how the crawl ended."""
        if len(args) != 1:
            raise UsageError("give exactly one spider name: story or urls")
        if args[0] == "story":
            story_path = opts.spargs.get("story")
            if not story_path:
                self._fail("the story spider needs -a story=PATH_TO_STORY_FILE")
                return
            try:
                load_story(story_path)
            except StoryError as exc:
                self._fail(str(exc))
                return
        if args[0] == "urls" and not opts.spargs.get("urls"):
            self._fail("the urls spider needs -a urls=FILE_OR_COMMA_SEPARATED_LIST")
            return
        assert self.crawler_process is not None
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = EXIT_FAILED
            return
        stats = crawler.stats.get_stats() if crawler.stats else {}
        if stats.get("finish_reason") != "finished":
            self.exitcode = EXIT_FAILED

    def _fail(self, message: str) -> None:
        print(f"storywatch: {message}", file=sys.stderr)
        self.exitcode = EXIT_BAD_INPUT
