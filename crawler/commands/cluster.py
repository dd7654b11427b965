"""`scrapy cluster [--story NAME]`: find copies among stored articles and pick the originals."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pipelines.copies.run import cluster_story, stories, thresholds_from
from pipelines.storage.database import (
    StorageUnavailable,
    configured_url,
    opened,
)
from pipelines.storage.migrate import prepare

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    """Cluster a story's stored articles (each story in turn by default); hash only new texts."""

    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        """Usage line."""
        return "[--story NAME]"

    def short_desc(self) -> str:
        """One-line help."""
        return "Find copies among stored articles and choose each cluster's original"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """Add --story."""
        super().add_options(parser)
        parser.add_argument("--story", metavar="NAME", help="only this story")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Cluster and print one line per story; an unreachable database exits 1."""
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        assert self.settings is not None
        limits = thresholds_from(self.settings)
        try:
            with opened(configured_url(self.settings)) as engine:
                prepare(engine, migrate=self.settings.getbool("STORYWATCH_AUTO_MIGRATE", True))
                for story in [opts.story] if opts.story else stories(engine):
                    run = cluster_story(engine, story, limits)
                    print(
                        f"{story or '(no story)'}: {run.articles} articles, {run.hashed} hashed, "
                        f"{run.pairs} copy pairs, {run.copies} copies ({run.seconds:.1f} s)"
                    )
        except StorageUnavailable as exc:
            print(f"scrapy cluster: {exc}", file=sys.stderr)
            self.exitcode = 1
