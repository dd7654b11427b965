"""``scrapy crawl`` with a story file checked up front and an exit status cron can trust."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from crawler.clock import crawl_now
from crawler.exitcodes import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_LOCKED, exit_code_for
from crawler.runlock import RunLocked, StoryLock, lock_dir
from crawler.story import StoryError, load_story
from pipelines.storage.database import configured_url, describe_error
from pipelines.storage.runs import RunRecord, record_run

if TYPE_CHECKING:
    import argparse

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "EXIT_LOCKED", "Command"]


class Command(ScrapyCrawlCommand):
    """Run a spider; refuse a broken story file before starting, naming the faulty field."""

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Validate the story file, crawl, then set the exit status from how the crawl ended."""
        if len(args) != 1:
            raise UsageError("give exactly one spider name: story or urls")
        lock_name = None
        if args[0] == "story":
            story_path = opts.spargs.get("story")
            if not story_path:
                self._fail("the story spider needs -a story=PATH_TO_STORY_FILE")
                return
            try:
                lock_name = load_story(story_path).name
            except StoryError as exc:
                self._fail(str(exc))
                return
        if args[0] == "urls" and not opts.spargs.get("urls"):
            self._fail("the urls spider needs -a urls=FILE_OR_COMMA_SEPARATED_LIST")
            return
        assert self.settings is not None
        lock = None
        # Workers of a shared Redis frontier crawl one story together, on purpose.
        if lock_name is not None and not self.settings.get("REDIS_URL"):
            directory = lock_dir(self.settings.get("STORYWATCH_LOCK_DIR"))
            lock = StoryLock(lock_name, configured_url(self.settings), directory)
            try:
                lock.acquire()
            except RunLocked as exc:
                print(f"storywatch: {exc}", file=sys.stderr)
                self.exitcode = EXIT_LOCKED
                self._record_skipped(args[0], lock_name)
                return
        try:
            self._crawl(args[0], opts)
        finally:
            if lock is not None:
                lock.release()

    def _crawl(self, spider: str, opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        crawler = self._create_crawler(spider)
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = EXIT_FAILED
            return
        self.exitcode = exit_code_for(crawler.stats.get_stats() if crawler.stats else {})

    def _record_skipped(self, spider: str, story: str) -> None:
        # `scrapy runs` then shows why a scheduled hour has no crawl: the last one overran.
        assert self.settings is not None
        now = crawl_now(self.settings)
        record = RunRecord(
            spider=spider,
            story=story,
            started_at=now,
            finished_at=now,
            finish_reason="locked",
            exit_code=EXIT_LOCKED,
        )
        migrate = self.settings.getbool("STORYWATCH_AUTO_MIGRATE", True)
        try:
            record_run(configured_url(self.settings), record, migrate=migrate)
        except Exception as exc:  # the exit status already tells cron; never a traceback
            print(
                f"storywatch: the skipped run was not recorded: {describe_error(exc)}",
                file=sys.stderr,
            )

    def _fail(self, message: str) -> None:
        print(f"storywatch: {message}", file=sys.stderr)
        self.exitcode = EXIT_BAD_INPUT
