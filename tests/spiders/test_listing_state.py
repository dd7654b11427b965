"""A listing's answer: unchanged bodies are skipped, unless a dead worker left it half read."""

import hashlib
from datetime import UTC, datetime, timedelta

from scrapy.http import Request, XmlResponse

from crawler.spiders.listing_state import RECOVERED_META, ListingTracker
from pipelines.storage.known import KnownListing

URL = "http://news.test/news-sitemap.xml"
BODY = b"<urlset><url><loc>http://news.test/a.html</loc></url></urlset>"
NOW = datetime(2024, 5, 16, 12, tzinfo=UTC)


def tracker() -> ListingTracker:
    known = KnownListing(
        url=URL,
        kind="sitemap",
        etag=None,
        last_modified=None,
        body_hash=hashlib.sha256(BODY).hexdigest(),
        validators_stale=False,
        next_due_at=NOW,
        interval_seconds=600,
        body_fetched_at=NOW,
    )
    return ListingTracker("story", {URL: known}, lambda: NOW, (timedelta(minutes=10),) * 2)


def response(meta: dict[str, object]) -> XmlResponse:
    return XmlResponse(URL, body=BODY, request=Request(URL, meta=meta))


def test_a_listing_with_the_body_read_last_time_is_not_modified():
    assert not tracker().judge(response({})).modified


def test_a_listing_recovered_from_a_dead_worker_is_read_in_full_even_if_unchanged():
    # The dead worker stored this body's hash, but may have died before queueing every entry.
    assert tracker().judge(response({RECOVERED_META: True})).modified
