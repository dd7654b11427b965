from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from pipelines.storage.database import create_engine, normalise_url
from pipelines.storage.migrate import (
    MIGRATIONS_DIR,
    alembic_config,
    current_revision,
    head_revision,
    upgrade,
)
from pipelines.storage.models import Base


def test_migrations_are_shipped_inside_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert MIGRATIONS_DIR.parent == Path(__file__).parents[2] / "pipelines" / "storage"
    assert head_revision() == "0003"


def test_upgrade_creates_the_schema_the_models_describe(database_url: str) -> None:
    assert current_revision(database_url) is None

    upgrade(database_url)

    assert current_revision(database_url) == head_revision()
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            assert {"articles", "crawl_runs"} <= set(inspect(connection).get_table_names())
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_upgrade_of_a_current_database_changes_nothing(database_url: str) -> None:
    upgrade(database_url)
    upgrade(database_url)
    assert current_revision(database_url) == head_revision()


def test_processes_migrating_one_fresh_database_at_once_all_succeed(database_url: str) -> None:
    # Cron entries for several stories may start in the same second on one new database.
    script = "import sys; from pipelines.storage.migrate import upgrade; upgrade(sys.argv[1])"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, database_url], stderr=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    errors = [worker.communicate(timeout=120)[1] for worker in workers]

    assert [worker.returncode for worker in workers] == [0] * 4, errors
    assert current_revision(database_url) == head_revision()


def test_sqlite_connections_use_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'wal.db'}")
    try:
        with engine.connect() as connection:
            assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30_000
    finally:
        engine.dispose()


def test_plain_postgresql_urls_use_the_psycopg3_driver() -> None:
    for plain in ("postgresql://u@db/news", "postgres://u@db/news"):
        assert normalise_url(plain).drivername == "postgresql+psycopg"
    assert normalise_url("sqlite:///storywatch.db").drivername == "sqlite"


def test_every_migration_downgrades_to_the_first_and_upgrades_again(database_url: str) -> None:
    upgrade(database_url)
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0001")
        assert current_revision(engine) == "0001"
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            assert "copy_pairs" not in tables and "article_aliases" not in tables
            assert "article_versions" not in tables and "listing_states" not in tables
    finally:
        engine.dispose()
    upgrade(database_url)
    assert current_revision(database_url) == head_revision()
