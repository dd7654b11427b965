"""Throwaway databases for tests: a SQLite file always, a fresh PostgreSQL schema if configured."""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import text

from pipelines.storage.database import create_engine, normalise_url

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# Point this at an empty PostgreSQL database to run the storage tests there too.
TEST_DATABASE_URL_VARIABLE = "TEST_DATABASE_URL"


def database_backends() -> list[str]:
    """Backends to test: "sqlite", plus "postgresql" when TEST_DATABASE_URL is set."""
    return ["sqlite", "postgresql"] if os.environ.get(TEST_DATABASE_URL_VARIABLE) else ["sqlite"]


@contextmanager
def throwaway_database(backend: str, directory: Path) -> Iterator[str]:
    """Yield the URL of an empty database, removed afterwards (on PostgreSQL, its own schema)."""
    if backend == "sqlite":
        yield f"sqlite:///{directory / 'storywatch.db'}"
        return
    base = normalise_url(os.environ[TEST_DATABASE_URL_VARIABLE])
    schema = f"storywatch_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        # Every connection made from this URL sees only the new schema, Alembic's table included.
        isolated = base.update_query_dict({"options": f"-csearch_path={schema}"})
        try:
            yield isolated.render_as_string(hide_password=False)
        finally:
            with admin.begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()
