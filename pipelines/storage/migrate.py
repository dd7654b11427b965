"""Schema migrations, run in code: Alembic with the scripts shipped inside this package."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from pipelines.storage.database import (
    StorageUnavailable,
    create_engine,
    describe_error,
    ensure_reachable,
    safe_url,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
# Any fixed number: workers starting together on PostgreSQL take turns to migrate.
_MIGRATION_LOCK_ID = 0x53_57_4D_49  # "SWMI"


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic configuration for the packaged migrations, optionally bound to a connection."""
    config = Config()
    # ConfigParser interpolates "%": escape it in case the install path holds one.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest revision the packaged migrations know."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def upgrade(database: str | Engine, revision: str = "head") -> None:
    """Migrate the database's schema up to ``revision``; raise StorageUnavailable if it cannot."""
    with _engine(database) as engine:
        try:
            with engine.begin() as connection:
                _lock_for_migration(connection)
                command.upgrade(alembic_config(connection), revision)
        except (SQLAlchemyError, CommandError, OSError) as exc:
            raise StorageUnavailable(
                f"cannot migrate the database at {safe_url(engine.url)}: {describe_error(exc)}"
            ) from None


def _lock_for_migration(connection: Connection) -> None:
    """Make processes that migrate the same database at once take turns, until commit."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID})
    elif connection.dialect.name == "sqlite":
        # Two cron entries starting on one fresh file would both create the tables; an
        # exclusive transaction makes the second wait (busy timeout) and then find them made.
        # The sqlite3 module leaves DDL outside any transaction unless one is begun by hand.
        connection.exec_driver_sql("BEGIN EXCLUSIVE")


def current_revision(database: str | Engine) -> str | None:
    """The revision the database's schema is at, or None if it has none yet."""
    with _engine(database) as engine:
        try:
            with engine.connect() as connection:
                return MigrationContext.configure(connection).get_current_revision()
        except (SQLAlchemyError, OSError) as exc:
            raise StorageUnavailable(
                f"cannot read the database at {safe_url(engine.url)}: {describe_error(exc)}"
            ) from None


def prepare(engine: Engine, *, migrate: bool) -> None:
    """Check the database is reachable and at the head revision, migrating it if allowed."""
    ensure_reachable(engine)
    if migrate:
        upgrade(engine)
        return
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise StorageUnavailable(
            f"the database at {safe_url(engine.url)} is at schema revision {current or 'none'}, "
            f"not {head}: run `scrapy db upgrade` or set STORYWATCH_AUTO_MIGRATE"
        )


@contextmanager
def _engine(database: str | Engine) -> Iterator[Engine]:
    # Callers with an engine keep it; an engine made here from a URL is disposed here.
    if isinstance(database, Engine):
        yield database
        return
    engine = create_engine(database)
    try:
        yield engine
    finally:
        engine.dispose()
