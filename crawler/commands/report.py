"""`scrapy report [--story NAME]`: print the stored coverage, with relevance and copies."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pipelines.storage.database import (
    StorageUnavailable,
    configured_url,
    ensure_reachable,
    opened,
)
from pipelines.storage.health import flagged_outlets, format_flags
from pipelines.storage.report import coverage, format_report

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    """Print each covering article: outlet, time, title, words, relevance, original or copy."""

    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        """Usage line."""
        return "[--story NAME]"

    def short_desc(self) -> str:
        """One-line help."""
        return "Print the stored story coverage: relevance, originals and copies"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """Add --story."""
        super().add_options(parser)
        parser.add_argument("--story", metavar="NAME", help="only articles of this story")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Print the report; an unreachable database exits 1."""
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        assert self.settings is not None
        try:
            with opened(configured_url(self.settings)) as engine:
                ensure_reachable(engine, must_exist=True)
                # Flagged outlets first: a silent or blocked outlet explains missing coverage.
                if flags := format_flags(flagged_outlets(engine, opts.story)):
                    print(flags)
                print(format_report(coverage(engine, opts.story)))
        except StorageUnavailable as exc:
            print(f"scrapy report: {exc}", file=sys.stderr)
            self.exitcode = 1
