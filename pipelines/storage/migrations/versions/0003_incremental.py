"""Incremental crawls: article validators and schedule, article versions, listing states.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RUN_COUNTS = (
    "new",
    "updated",
    "deleted",
    "unchanged",
    "failed",
    "listings_not_modified",
    "listings_not_due",
)


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("etag", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("last_modified", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("next_check_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("listing_titles", sa.JSON(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_articles_next_check_at"), ["next_check_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_articles_updated_at"), ["updated_at"], unique=False)

    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        for name in _RUN_COUNTS:
            batch_op.add_column(
                sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0"))
            )
        batch_op.add_column(sa.Column("exit_code", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("outlets", sa.JSON(), nullable=True))

    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("chars_added", sa.Integer(), nullable=False),
        sa.Column("chars_removed", sa.Integer(), nullable=False),
        sa.Column("title_changed", sa.Boolean(), nullable=False),
        sa.Column("trivial", sa.Boolean(), nullable=False),
        sa.Column("correction", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_versions_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_versions")),
    )
    with op.batch_alter_table("article_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_versions_article_id"), ["article_id"], unique=False
        )

    op.create_table(
        "listing_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("outlet", sa.String(length=200), nullable=True),
        sa.Column("etag", sa.String(length=200), nullable=True),
        sa.Column("last_modified", sa.String(length=64), nullable=True),
        sa.Column("body_hash", sa.String(length=64), nullable=True),
        sa.Column("validators_stale", sa.Boolean(), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("interval_seconds", sa.Integer(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("new_entries", sa.Integer(), nullable=False),
        sa.Column("body_fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_listing_states")),
        sa.UniqueConstraint("story", "url", name=op.f("uq_listing_states_story")),
    )


def downgrade() -> None:
    op.drop_table("listing_states")
    with op.batch_alter_table("article_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_versions_article_id"))
    op.drop_table("article_versions")

    with op.batch_alter_table("crawl_runs", schema=None) as batch_op:
        batch_op.drop_column("outlets")
        batch_op.drop_column("exit_code")
        for name in reversed(_RUN_COUNTS):
            batch_op.drop_column(name)

    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_updated_at"))
        batch_op.drop_index(batch_op.f("ix_articles_next_check_at"))
        batch_op.drop_column("listing_titles")
        batch_op.drop_column("deleted_at")
        batch_op.drop_column("updated_at")
        batch_op.drop_column("next_check_at")
        batch_op.drop_column("checked_at")
        batch_op.drop_column("last_modified")
        batch_op.drop_column("etag")
