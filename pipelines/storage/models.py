"""Database tables: articles and their versions, listing states, and the record of crawl runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint
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
