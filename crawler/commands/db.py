"""`scrapy db upgrade|current`: apply the storage migrations, or show the schema revision."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pipelines.storage.database import (
    StorageUnavailable,
    configured_url,
    create_engine,
    ensure_reachable,
    safe_url,
)
from pipelines.storage.migrate import current_revision, head_revision, upgrade

if TYPE_CHECKING:
    import argparse

    from sqlalchemy.engine import Engine

ACTIONS = ("upgrade", "current")


class Command(ScrapyCommand):
    """Manage the database schema named by STORYWATCH_DATABASE_URL."""

    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        """Usage line."""
        return "upgrade|current"

    def short_desc(self) -> str:
        """One-line help."""
        return "Migrate the article database (upgrade) or show its schema revision (current)"

    def long_desc(self) -> str:
        """Help text."""
        return (
            "upgrade applies every pending migration to the database in STORYWATCH_DATABASE_URL "
            "(DATABASE_URL in the environment); current prints the revision it is at."
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Run the action; an unreachable database prints one line and exits non-zero."""
        if len(args) != 1 or args[0] not in ACTIONS:
            raise UsageError(f"expected one action: {' or '.join(ACTIONS)}", print_help=False)
        assert self.settings is not None
        database_url: str = configured_url(self.settings)
        try:
            engine = create_engine(database_url)
            try:
                self._run_action(args[0], engine)
            finally:
                engine.dispose()
        except StorageUnavailable as exc:
            print(f"scrapy db {args[0]}: {exc}", file=sys.stderr)
            self.exitcode = 1

    def _run_action(self, action: str, engine: Engine) -> None:
        where, head = safe_url(engine.url), head_revision()
        # `current` only looks: it must not leave an empty SQLite file behind.
        ensure_reachable(engine, must_exist=action == "current")
        before = current_revision(engine)
        if action == "upgrade":
            upgrade(engine)
            after = current_revision(engine)
            if before == after:
                print(f"{where}: already at revision {after} (head)")
            else:
                print(f"{where}: upgraded from revision {before or 'none'} to {after} (head)")
        elif before == head:
            print(f"{where}: at revision {before} (head)")
        else:
            revision = before or "none"
            print(f"{where}: at revision {revision}, head is {head}: run `scrapy db upgrade`")
