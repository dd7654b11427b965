"""Alembic environment: migrate on the connection that pipelines.storage.migrate hands over."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from alembic import context

from pipelines.storage.database import create_engine
from pipelines.storage.models import Base
from pipelines.storage.timestamps import UTCDateTime

if TYPE_CHECKING:
    from alembic.autogenerate.api import AutogenContext
    from sqlalchemy.engine import Connection

config = context.config
target_metadata = Base.metadata


def render_item(kind: str, obj: Any, _autogen_context: AutogenContext) -> str | Literal[False]:
    # Migrations spell plain SQLAlchemy types, so an old revision never depends on project code.
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things: batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    # Only reached when someone runs the alembic CLI with -x/sqlalchemy.url set by hand.
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.begin() as own_connection:
            run_migrations(own_connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("storywatch migrations run online only: use `scrapy db upgrade`")
run_migrations_online()
