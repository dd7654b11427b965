"""RSS and Atom feeds, read with feedparser (it copes with the broken XML outlets send)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser


class FeedError(ValueError):
    """A feed that yields nothing usable; the message says why."""


@dataclass(frozen=True)
class FeedEntry:
    """One feed item: its link, title and publication time."""

    link: str
    title: str | None
    published_at: datetime | None  # aware UTC
    updated_at: datetime | None = None  # Atom <updated>, when later than the publication


@dataclass(frozen=True)
class Feed:
    """The entries of one feed, and whether the XML had to be repaired to read them."""

    entries: list[FeedEntry]
    malformed: bool


def parse_feed(body: bytes, content_type: str | None = None) -> Feed:
    """Parse an RSS/Atom body; raise FeedError when it is not a feed at all."""
    headers = {"content-type": content_type} if content_type else {}
    parsed: Any = feedparser.parse(body, response_headers=headers, resolve_relative_uris=False)
    entries = [e for raw in parsed.entries if (e := _entry(raw)) is not None]
    if not entries and parsed.bozo:
        reason = parsed.get("bozo_exception") or "unknown error"
        raise FeedError(f"not a valid feed: {reason}")
    if not entries and not parsed.version:
        raise FeedError("not an RSS or Atom feed")
    return Feed(entries=entries, malformed=bool(parsed.bozo))


def _entry(raw: Any) -> FeedEntry | None:
    link = raw.get("link") or next(
        (ln.get("href") for ln in raw.get("links", []) if ln.get("href")), None
    )
    if not link:
        return None
    published = _utc(raw.get("published_parsed")) or _utc(raw.get("updated_parsed"))
    # dict.get: feedparser's own get() falls back to the publication date, with a warning.
    updated = _utc(dict.get(raw, "updated_parsed"))
    title = (raw.get("title") or "").strip() or None
    return FeedEntry(
        link=link.strip(),
        title=title,
        published_at=published,
        updated_at=updated if updated and published and updated > published else None,
    )


def _utc(stamp: Any) -> datetime | None:
    # feedparser normalises dates to UTC struct_time; timegm reads them as UTC.
    return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC) if stamp else None
