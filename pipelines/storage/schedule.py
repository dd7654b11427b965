"""When to look again: article re-checks that thin out with age, listing intervals that adapt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

# (age below which, re-check every): the schedule of a known article; older ones are never
# re-checked, unless a listing signals a change.
ARTICLE_RECHECKS: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=3), timedelta(minutes=15)),
    (timedelta(days=1), timedelta(hours=1)),
    (timedelta(days=7), timedelta(hours=3)),
    (timedelta(days=30), timedelta(days=1)),
)

LISTING_MIN_INTERVAL = timedelta(minutes=10)
LISTING_MAX_INTERVAL = timedelta(hours=24)
LISTING_FIRST_INTERVAL = timedelta(hours=1)
# A listing with more than this share of new entries is read more often.
BUSY_SHARE = 0.5


def next_article_check(published_at: datetime | None, checked_at: datetime) -> datetime | None:
    """When an article checked at ``checked_at`` is next due; None once it is too old to watch."""
    checked_at = _aware(checked_at)
    age = checked_at - _aware(published_at or checked_at)
    for younger_than, every in ARTICLE_RECHECKS:
        if age < younger_than:
            return checked_at + every
    return None


def next_listing_interval(
    previous: timedelta | None,
    *,
    entries: int,
    new_entries: int,
    changed: bool,
    bounds: tuple[timedelta, timedelta] = (LISTING_MIN_INTERVAL, LISTING_MAX_INTERVAL),
) -> timedelta:
    """Double the interval when nothing is new, halve it when most entries are, within bounds."""
    interval = previous or LISTING_FIRST_INTERVAL
    if not changed or new_entries == 0:
        interval *= 2
    elif entries and new_entries / entries > BUSY_SHARE:
        interval /= 2
    low, high = bounds
    return max(low, min(high, interval))


def retry_after(value: bytes | str | None, now: datetime) -> timedelta | None:
    """A Retry-After header (seconds or an HTTP date) as a wait from ``now``; None if unusable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return timedelta(seconds=int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(timedelta(0), when - now)


def _aware(when: datetime) -> datetime:
    # A naive time is taken to be UTC, as the store does.
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when
