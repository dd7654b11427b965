"""The crawl's clock: real time, or the fixed time STORYWATCH_NOW names (tests, replays)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any


def crawl_now(settings: Any) -> datetime:
    """Now, as the crawl sees it: STORYWATCH_NOW (an ISO 8601 time) if set, else the real time."""
    fixed = settings.get("STORYWATCH_NOW")
    if not fixed:
        return datetime.now(UTC)
    when = fixed if isinstance(fixed, datetime) else datetime.fromisoformat(str(fixed))
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
