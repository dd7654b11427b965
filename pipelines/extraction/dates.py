"""Publication dates: parse what pages, listings and URLs say, and choose the most precise one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime

# Where a publication date can come from, most trustworthy first.
SOURCE_ORDER = ("jsonld", "meta", "sitemap", "feed", "url", "page", "first_seen")

# /2024/05/16/, /2024/5/16/, /20240516/ or 2024-05-16 in a path.
_URL_DATE = re.compile(
    r"(?<!\d)(?P<y>20\d{2}|19\d{2})(?P<sep>[/-]?)(?P<m>1[0-2]|0?[1-9])(?P=sep)"
    r"(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"
)


@dataclass(frozen=True)
class PublishedDate:
    """A publication time in UTC, where it came from, and whether it holds a time or only a day."""

    at: datetime
    source: str
    precision: str  # "time" or "day"


def parse_date(value: str | None) -> tuple[datetime, str] | None:
    """Parse an ISO 8601 / W3C or RFC 822 date into (aware UTC datetime, precision)."""
    if not value:
        return None
    value = value.strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None:
        return None
    # A bare date ("2024-05-16") says nothing about the time of day.
    has_time = "T" in value or ":" in value
    if parsed.tzinfo is None:
        # No offset: the best we can do is read it as UTC, which is at least not invented precision.
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC), "time" if has_time else "day"


def date_from_url(url: str) -> datetime | None:
    """The day a URL's path names (news URLs often carry /YYYY/MM/DD/), if any."""
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    for match in _URL_DATE.finditer(path):
        try:
            day = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        return datetime.combine(day, time(), tzinfo=UTC)
    return None


def resolve_published(candidates: dict[str, tuple[datetime, str] | None]) -> PublishedDate | None:
    """Pick the publication date to keep from the candidates found per source.

    The most trustworthy source wins; when it gives only a day, a less trusted source that
    gives a time on (about) that day refines it. First-seen is used only when nothing else is.
    """
    ranked = [
        PublishedDate(found[0], source, found[1])
        for source in SOURCE_ORDER
        if (found := candidates.get(source)) is not None
    ]
    if not ranked:
        return None
    best = ranked[0]
    if best.precision == "day":
        for other in ranked[1:]:
            # Day-only dates are local days; a time up to a day either side can be the same one.
            near = best.at - timedelta(days=1) <= other.at < best.at + timedelta(days=2)
            if other.precision == "time" and other.source != "first_seen" and near:
                return other
    return best
