"""Database tables: articles and their versions, listing states, and the record of crawl runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from pipelines.storage.timestamps import UTCDateTime

# Explicit constraint names, so Alembic can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base carrying the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        # Every timestamp is stored as UTC and read back aware, on SQLite too.
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


class Article(Base):
    """One article, one row: keyed by its canonical URL, holding clean text and metadata."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    canonical_url: Mapped[str] = mapped_column(String(2048), unique=True)
    url: Mapped[str] = mapped_column(String(2048))
    final_url: Mapped[str] = mapped_column(String(2048))
    outlet: Mapped[str] = mapped_column(String(200))
    host: Mapped[str] = mapped_column(String(255), index=True)
    story: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(default=list)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    published_source: Mapped[str | None] = mapped_column(String(20))
    published_precision: Mapped[str | None] = mapped_column(String(10))
    language: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(String(200))
    tags: Mapped[list[str]] = mapped_column(default=list)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    word_count: Mapped[int] = mapped_column(Integer)
    credits: Mapped[list[str]] = mapped_column(default=list)
    dateline: Mapped[str | None] = mapped_column(String(200))
    http_status: Mapped[int] = mapped_column(Integer)
    discovered_via: Mapped[str] = mapped_column(String(20))
    first_seen_at: Mapped[datetime]
    fetched_at: Mapped[datetime]
    # Incremental crawling: validators for conditional re-fetches and the re-check schedule.
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    checked_at: Mapped[datetime | None]  # last request, a 304 included
    next_check_at: Mapped[datetime | None] = mapped_column(index=True)  # None: never again
    updated_at: Mapped[datetime | None] = mapped_column(index=True)  # text or title last changed
    deleted_at: Mapped[datetime | None]  # answered 404/410 or redirected to the home page
    listing_titles: Mapped[list[str] | None] = mapped_column(JSON)  # titles listings gave it
    # A canonical link to another site: this page is a copy of that one (kept out of the key).
    cross_domain_canonical: Mapped[str | None] = mapped_column(String(2048))

    # Relevance decision and its evidence, kept for off-topic articles too (re-tunable).
    relevance: Mapped[str | None] = mapped_column(String(20), index=True)
    relevance_reason: Mapped[str | None] = mapped_column(Text)
    query_in_lead: Mapped[bool | None] = mapped_column(Boolean)
    query_in_text: Mapped[bool | None] = mapped_column(Boolean)
    exemplar_similarity: Mapped[float | None] = mapped_column(Float)
    in_window: Mapped[bool | None] = mapped_column(Boolean)

    # Copies, set by clustering: the cluster is named by its original's id.
    cluster_id: Mapped[int | None] = mapped_column(Integer, index=True)
    role: Mapped[str | None] = mapped_column(String(20))  # original, duplicate, syndicated, partial
    original_id: Mapped[int | None] = mapped_column(Integer)
    original_method: Mapped[str | None] = mapped_column(String(20))
    original_confidence: Mapped[float | None] = mapped_column(Float)


class ArticleAlias(Base):
    """Another URL of a stored article: as listed, fetched, og:url or AMP."""

    __tablename__ = "article_aliases"

    alias_url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )


class ArticleShingles(Base):
    """An article's copy-detection sketch, with the text hash it was computed from."""

    __tablename__ = "article_shingles"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    text_hash: Mapped[str] = mapped_column(String(64))
    norm_hash: Mapped[str] = mapped_column(String(64), index=True)  # of the normalized words
    shingle_count: Mapped[int] = mapped_column(Integer)
    shingles: Mapped[bytes] = mapped_column(LargeBinary)  # word 5-gram hashes in text order


class CopyPair(Base):
    """Two articles that share text, with the scores that labelled them."""

    __tablename__ = "copy_pairs"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    other_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    story: Mapped[str | None] = mapped_column(String(200), index=True)
    label: Mapped[str] = mapped_column(String(20))  # duplicate, syndicated or partial
    containment: Mapped[float] = mapped_column(Float)  # share of article's shingles in other's
    other_containment: Mapped[float] = mapped_column(Float)  # and the other way round
    shared_shingles: Mapped[int] = mapped_column(Integer)
    longest_run: Mapped[int] = mapped_column(Integer)  # longest shared passage, in words


class CrawlRun(Base):
    """One run of a spider: when, why it ended, and what it found, fetched, stored and dropped."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story: Mapped[str | None] = mapped_column(String(200), index=True)
    spider: Mapped[str] = mapped_column(String(100))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    finish_reason: Mapped[str | None] = mapped_column(String(100))
    discovered: Mapped[int] = mapped_column(Integer, default=0)
    fetched: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    dropped: Mapped[dict[str, Any]] = mapped_column(default=dict)  # reason -> count
    errors: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    deleted: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    unchanged: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    listings_not_modified: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    listings_not_due: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    exit_code: Mapped[int | None] = mapped_column(Integer)
    outlets: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # outlet -> its counts


class ArticleVersion(Base):
    """An earlier version of an article, kept when its text or title changed, with the change."""

    __tablename__ = "article_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64))
    fetched_at: Mapped[datetime]  # when this version was fetched
    replaced_at: Mapped[datetime]  # when the next version was seen
    chars_added: Mapped[int] = mapped_column(Integer)
    chars_removed: Mapped[int] = mapped_column(Integer)
    title_changed: Mapped[bool] = mapped_column(Boolean)
    trivial: Mapped[bool] = mapped_column(Boolean)  # whitespace, punctuation or date lines only
    correction: Mapped[str | None] = mapped_column(Text)  # the correction notice, if one appeared


class ListingState(Base):
    """What the last request of a feed, sitemap or section page found, and when it is next due."""

    __tablename__ = "listing_states"
    __table_args__ = (UniqueConstraint("story", "url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(2048))
    kind: Mapped[str] = mapped_column(String(20))  # feed, sitemap or section
    outlet: Mapped[str | None] = mapped_column(String(200))
    etag: Mapped[str | None] = mapped_column(String(200))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    body_hash: Mapped[str | None] = mapped_column(String(64))
    validators_stale: Mapped[bool] = mapped_column(Boolean, default=False)
    checked_at: Mapped[datetime]
    next_due_at: Mapped[datetime]
    interval_seconds: Mapped[int] = mapped_column(Integer)
    status: Mapped[int | None] = mapped_column(Integer)  # last HTTP status, None if no answer
    entries: Mapped[int] = mapped_column(Integer, default=0)
    new_entries: Mapped[int] = mapped_column(Integer, default=0)
    # The last full (200) answer: once it is old, the listing is asked without validators, so a
    # server that answers 304 after a change cannot hide it for ever.
    body_fetched_at: Mapped[datetime | None]
