"""Relevance decisions, article aliases, copy sketches, copy pairs and clusters.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ARTICLE_COLUMNS = (
    ("cross_domain_canonical", sa.String(length=2048)),
    ("relevance", sa.String(length=20)),
    ("relevance_reason", sa.Text()),
    ("query_in_lead", sa.Boolean()),
    ("query_in_text", sa.Boolean()),
    ("exemplar_similarity", sa.Float()),
    ("in_window", sa.Boolean()),
    ("cluster_id", sa.Integer()),
    ("role", sa.String(length=20)),
    ("original_id", sa.Integer()),
    ("original_method", sa.String(length=20)),
    ("original_confidence", sa.Float()),
)


def upgrade() -> None:
    with op.batch_alter_table("articles", schema=None) as batch_op:
        for name, type_ in _ARTICLE_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
        batch_op.create_index(batch_op.f("ix_articles_relevance"), ["relevance"], unique=False)
        batch_op.create_index(batch_op.f("ix_articles_cluster_id"), ["cluster_id"], unique=False)

    op.create_table(
        "article_aliases",
        sa.Column("alias_url", sa.String(length=2048), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_aliases_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("alias_url", name=op.f("pk_article_aliases")),
    )
    with op.batch_alter_table("article_aliases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_aliases_article_id"), ["article_id"], unique=False
        )

    op.create_table(
        "article_shingles",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("norm_hash", sa.String(length=64), nullable=False),
        sa.Column("shingle_count", sa.Integer(), nullable=False),
        sa.Column("shingles", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_article_shingles_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_article_shingles")),
    )
    with op.batch_alter_table("article_shingles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_article_shingles_norm_hash"), ["norm_hash"], unique=False
        )

    op.create_table(
        "copy_pairs",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("story", sa.String(length=200), nullable=True),
        sa.Column("label", sa.String(length=20), nullable=False),
        sa.Column("containment", sa.Float(), nullable=False),
        sa.Column("other_containment", sa.Float(), nullable=False),
        sa.Column("shared_shingles", sa.Integer(), nullable=False),
        sa.Column("longest_run", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_copy_pairs_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["articles.id"],
            name=op.f("fk_copy_pairs_other_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "other_id", name=op.f("pk_copy_pairs")),
    )
    with op.batch_alter_table("copy_pairs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_copy_pairs_story"), ["story"], unique=False)


def downgrade() -> None:
    for table, index in (
        ("copy_pairs", "ix_copy_pairs_story"),
        ("article_shingles", "ix_article_shingles_norm_hash"),
        ("article_aliases", "ix_article_aliases_article_id"),
    ):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(index))
        op.drop_table(table)
    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_articles_cluster_id"))
        batch_op.drop_index(batch_op.f("ix_articles_relevance"))
        for name, _type in reversed(_ARTICLE_COLUMNS):
            batch_op.drop_column(name)
