"""`scrapy runs`: recent crawl runs with their counts, or the outlet health of a story."""

from __future__ import annotations

import json
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
from pipelines.storage.health import format_health, outlet_health
from pipelines.storage.runs import recent_runs

if TYPE_CHECKING:
    import argparse

    from sqlalchemy.engine import Engine

_COLUMNS = (
    ("id", "Run"),
    ("story", "Story"),
    ("started_at", "Started (UTC)"),
    ("finished_at", "Finished"),
    ("new", "New"),
    ("updated", "Upd"),
    ("deleted", "Del"),
    ("unchanged", "Same"),
    ("failed", "Failed"),
    ("articles_fetched", "Fetched"),
    ("listings_not_modified", "304"),
    ("exit_code", "Exit"),
)


class Command(ScrapyCommand):
    """List recent crawl runs with their counts, or flag unhealthy outlets of a story."""

    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        """Usage line."""
        return "[--story NAME] [--limit N] [--json] | --health --story NAME"

    def short_desc(self) -> str:
        """One-line help."""
        return "List recent crawl runs (new, updated, deleted, exit status), or outlet health"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """Add --story, --limit, --json and --health."""
        super().add_options(parser)
        parser.add_argument("--story", metavar="NAME", help="only runs of this story")
        parser.add_argument("--limit", type=int, default=20, help="how many runs (default 20)")
        parser.add_argument("--json", action="store_true", help="one JSON object per run")
        parser.add_argument(
            "--health", action="store_true", help="flag outlets that yield nothing or refuse us"
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Print the runs or the health table; an unreachable database exits 1."""
        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}", print_help=False)
        if opts.health and not opts.story:
            raise UsageError("--health needs --story NAME", print_help=False)
        assert self.settings is not None
        try:
            with opened(configured_url(self.settings)) as engine:
                ensure_reachable(engine, must_exist=True)
                self._print(engine, opts)
        except StorageUnavailable as exc:
            print(f"scrapy runs: {exc}", file=sys.stderr)
            self.exitcode = 1

    def _print(self, engine: Engine, opts: argparse.Namespace) -> None:
        if opts.health:
            print(format_health(outlet_health(engine, opts.story)))
            return
        runs = recent_runs(engine, opts.story, max(1, opts.limit))
        if opts.json:
            for run in runs:
                print(json.dumps(run, ensure_ascii=False))
            return
        print(format_runs(runs))


def format_runs(runs: list[dict[str, Any]]) -> str:
    """A plain-text table of runs, newest first."""
    if not runs:
        return "No runs recorded yet."
    rows = [[title for _, title in _COLUMNS]]
    for run in runs:
        cells = []
        for key, _ in _COLUMNS:
            value = run[key]
            if key.endswith("_at") and value:
                value = value[:16].replace("T", " ")
            cells.append("" if value is None else str(value))
        rows.append(cells)
    widths = [max(len(r[i]) for r in rows) for i in range(len(_COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
