"""`scrapy export -o FILE [--story NAME]`: write stored articles as JSON lines or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pipelines.storage.database import StorageUnavailable, configured_url, opened
from pipelines.storage.export import (
    ExportFormatError,
    SinceError,
    export_articles,
    export_format,
    format_columns,
    resolve_since,
)

if TYPE_CHECKING:
    import argparse


class Command(ScrapyCommand):
    """Export the articles in STORYWATCH_DATABASE_URL, in the format the file extension names."""

    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        """Usage line."""
        return (
            "-o FILE.jsonl|FILE.csv [--story NAME] [--since last-run|TIME] [--include-rejected]"
            " | --columns"
        )

    def short_desc(self) -> str:
        """One-line help."""
        return "Export stored articles as JSON lines (.jsonl) or CSV (.csv)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """Add -o, --story and --columns."""
        super().add_options(parser)
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="file to write; .jsonl or .csv picks the format"
        )
        parser.add_argument("--story", metavar="NAME", help="only articles of this story")
        parser.add_argument(
            "--since",
            metavar="last-run|TIME",
            help="only articles new or updated since the latest run began, or an ISO 8601 time",
        )
        parser.add_argument(
            "--include-rejected",
            action="store_true",
            help="also export articles judged off-topic (every judged article)",
        )
        parser.add_argument(
            "--columns", action="store_true", help="list the exported columns and exit"
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Write the export; a bad extension is a usage error, an unreachable database exits 1."""
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        if opts.columns:
            print(format_columns())
            return
        if not opts.output:
            raise UsageError(
                "give the file to write with -o FILE (.jsonl or .csv)", print_help=False
            )
        path = Path(opts.output)
        try:
            export_format(path)
        except ExportFormatError as exc:
            raise UsageError(str(exc), print_help=False) from None
        assert self.settings is not None
        database_url: str = configured_url(self.settings)
        try:
            with opened(database_url) as engine:
                since = resolve_since(engine, opts.since, opts.story) if opts.since else None
                count = export_articles(
                    engine,
                    path,
                    story=opts.story,
                    since=since,
                    include_rejected=opts.include_rejected,
                )
        except SinceError as exc:
            raise UsageError(str(exc), print_help=False) from None
        except (StorageUnavailable, OSError) as exc:
            print(f"scrapy export: {exc}", file=sys.stderr)
            self.exitcode = 1
            return
        scope = f" of story {opts.story!r}" if opts.story else ""
        if opts.since:
            scope += f" new or updated since {since.isoformat() if since else 'ever'}"
        print(f"Exported {count} articles{scope} to {path}")
