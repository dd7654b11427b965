"""Database engines: URL normalisation, SQLite tuning, reachability, one-line failure reports."""

from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import sqlalchemy
from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.engine import Engine

DATABASE_URL_SETTING = "STORYWATCH_DATABASE_URL"
DEFAULT_DATABASE_URL = "sqlite:///storywatch.db"
# How long a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_SECONDS = 30.0
# How long to wait for a database server to answer before calling it unreachable.
CONNECT_TIMEOUT_SECONDS = 10
_MAX_ERROR_LENGTH = 300


class _Settings(Protocol):
    def get(self, name: str, default: Any = None) -> Any: ...


class StorageUnavailable(Exception):
    """The database cannot be reached, read or migrated; the message is one line, fit for users."""


def configured_url(settings: _Settings) -> str:
    """The database URL the Scrapy settings name, or the SQLite file in the working directory."""
    return str(settings.get(DATABASE_URL_SETTING) or DEFAULT_DATABASE_URL)


def normalise_url(database_url: str | URL) -> URL:
    """Parse a database URL, sending plain PostgreSQL URLs to the psycopg 3 driver."""
    try:
        url = make_url(database_url)
    except ArgumentError:
        raise StorageUnavailable(f"not a database URL: {database_url!r}") from None
    # SQLAlchemy's bare "postgresql" means psycopg2, which is not a dependency; "postgres" is
    # what Heroku-style DATABASE_URL values say.
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def safe_url(database_url: str | URL) -> str:
    """The URL with its password masked, for messages and logs."""
    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid database URL>"


def create_engine(database_url: str | URL) -> Engine:
    """An engine for the URL: SQLite gets WAL and a busy timeout, servers a connect timeout."""
    url = normalise_url(database_url)
    backend = url.get_backend_name()
    connect_args: dict[str, Any] = {}
    if backend == "sqlite":
        connect_args["timeout"] = SQLITE_BUSY_TIMEOUT_SECONDS
    elif backend == "postgresql":
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    try:
        engine = sqlalchemy.create_engine(
            url,
            connect_args=connect_args,
            # A crawl can sit idle for minutes; a server may have closed the connection meanwhile.
            pool_pre_ping=backend != "sqlite",
        )
    except (ArgumentError, ImportError) as exc:
        raise StorageUnavailable(f"cannot use {safe_url(url)}: {describe_error(exc)}") from None
    if backend == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    return engine


@contextmanager
def opened(database_url: str | URL) -> Iterator[Engine]:
    """An engine for one command's work, disposed after; database errors become one line."""
    engine = create_engine(database_url)
    try:
        yield engine
    except SQLAlchemyError as exc:
        raise StorageUnavailable(describe_error(exc)) from None
    finally:
        engine.dispose()


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets export and report read while a crawl writes; the busy timeout makes a second
    # writer wait for the lock instead of failing at once with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_SECONDS * 1000)}")
    cursor.close()


def ensure_reachable(engine: Engine, *, must_exist: bool = False) -> None:
    """Open one connection and run a trivial query; raise StorageUnavailable if that fails.

    With ``must_exist``, a SQLite file that is not there yet is an error rather than created empty.
    """
    database = engine.url.database or ":memory:"
    is_file = engine.url.get_backend_name() == "sqlite" and database != ":memory:"
    if must_exist and is_file and not Path(database).exists():
        raise StorageUnavailable(
            f"no database at {safe_url(engine.url)} yet: run a crawl or `scrapy db upgrade`"
        )
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as exc:
        raise StorageUnavailable(
            f"cannot reach the database at {safe_url(engine.url)}: {describe_error(exc)}"
        ) from None


def describe_error(exc: BaseException) -> str:
    """A database error as one short line: the driver's message without SQL, parameters or links."""
    # SQLAlchemy's own message appends the statement and its parameters (whole article texts).
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    # Drivers add hints and the offending SQL on later lines; the first line says what went wrong.
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    message = re.sub(r"\s+", " ", lines[0]) if lines else type(cause).__name__
    if len(message) > _MAX_ERROR_LENGTH:
        message = message[: _MAX_ERROR_LENGTH - 1] + "…"
    return message
