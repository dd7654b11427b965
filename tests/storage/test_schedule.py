from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipelines.storage.schedule import next_article_check, next_listing_interval, retry_after

NOW = datetime(2024, 5, 16, 12, 0, tzinfo=UTC)


def test_article_rechecks_thin_out_with_age_and_stop_after_a_month() -> None:
    def every(age: timedelta) -> timedelta | None:
        due = next_article_check(NOW - age, NOW)
        return None if due is None else due - NOW

    assert every(timedelta(hours=1)) == timedelta(minutes=15)
    assert every(timedelta(hours=5)) == timedelta(hours=1)
    assert every(timedelta(days=3)) == timedelta(hours=3)
    assert every(timedelta(days=20)) == timedelta(days=1)
    assert every(timedelta(days=40)) is None


def test_listing_intervals_grow_when_nothing_is_new_and_shrink_when_most_is() -> None:
    hour = timedelta(hours=1)
    assert next_listing_interval(hour, entries=10, new_entries=0, changed=True) == 2 * hour
    assert next_listing_interval(hour, entries=10, new_entries=8, changed=True) == hour / 2
    assert next_listing_interval(hour, entries=10, new_entries=2, changed=True) == hour
    assert next_listing_interval(hour, entries=0, new_entries=0, changed=False) == 2 * hour
    # Within bounds: 10 minutes to 24 hours.
    assert next_listing_interval(
        timedelta(minutes=12), entries=4, new_entries=4, changed=True
    ) == timedelta(minutes=10)
    assert next_listing_interval(
        timedelta(hours=20), entries=4, new_entries=0, changed=False
    ) == timedelta(hours=24)


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after(b"120", NOW) == timedelta(seconds=120)
    assert retry_after("Thu, 16 May 2024 12:05:00 GMT", NOW) == timedelta(minutes=5)
    assert retry_after(b"soon", NOW) is None
