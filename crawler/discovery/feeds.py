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
    stamp = raw.get("published_parsed") or raw.get("updated_parsed")
    # feedparser normalises dates to UTC struct_time; timegm reads them as UTC.
    published = datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC) if stamp else None
    title = (raw.get("title") or "").strip() or None
    return FeedEntry(link=link.strip(), title=title, published_at=published)
