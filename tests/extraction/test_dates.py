from datetime import UTC, datetime

from pipelines.extraction.dates import date_from_url, parse_date, resolve_published


def test_iso_time_with_offset_is_converted_to_utc():
    assert parse_date("2024-05-16T04:41:00+03:00") == (
        datetime(2024, 5, 16, 1, 41, tzinfo=UTC),
        "time",
    )


def test_bare_date_has_day_precision():
    assert parse_date("2024-05-16") == (datetime(2024, 5, 16, tzinfo=UTC), "day")


def test_rfc822_feed_date_is_parsed():
    assert parse_date("Thu, 16 May 2024 01:41:00 GMT") == (
        datetime(2024, 5, 16, 1, 41, tzinfo=UTC),
        "time",
    )


def test_garbage_date_is_none():
    assert parse_date("yesterday-ish") is None


def test_date_in_url_path_is_found():
    assert date_from_url("http://a.test/news/2024/5/16/slug") == datetime(2024, 5, 16, tzinfo=UTC)
    assert date_from_url("http://a.test/2024-05-17-slug") == datetime(2024, 5, 17, tzinfo=UTC)
    assert date_from_url("http://a.test/articles/12345") is None


def test_jsonld_time_beats_everything_else():
    chosen = resolve_published(
        {
            "jsonld": (datetime(2024, 5, 16, 1, 41, tzinfo=UTC), "time"),
            "sitemap": (datetime(2024, 5, 16, 2, 0, tzinfo=UTC), "time"),
            "first_seen": (datetime(2026, 1, 1, tzinfo=UTC), "time"),
        }
    )
    assert (chosen.source, chosen.precision) == ("jsonld", "time")


def test_day_only_date_is_refined_by_a_listing_time_on_that_day():
    chosen = resolve_published(
        {
            "meta": (datetime(2024, 5, 16, tzinfo=UTC), "day"),
            "feed": (datetime(2024, 5, 16, 9, 30, tzinfo=UTC), "time"),
        }
    )
    assert (chosen.source, chosen.at.hour) == ("feed", 9)


def test_first_seen_never_overrides_a_day_from_the_url():
    chosen = resolve_published(
        {
            "url": (datetime(2024, 5, 16, tzinfo=UTC), "day"),
            "first_seen": (datetime(2024, 5, 16, 12, tzinfo=UTC), "time"),
        }
    )
    assert (chosen.source, chosen.precision) == ("url", "day")


def test_first_seen_is_the_last_resort():
    chosen = resolve_published({"first_seen": (datetime(2026, 1, 1, tzinfo=UTC), "time")})
    assert chosen.source == "first_seen"
