from datetime import UTC, datetime

import pytest

from crawler.discovery.feeds import FeedError, parse_feed

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>
<item><title>Putin arrives</title><link>http://outlet.test/a?utm_source=rss</link>
<pubDate>Thu, 16 May 2024 01:41:00 GMT</pubDate></item>
<item><title>No link</title></item></channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Outlet</title><entry><title>Putin in Harbin</title>
<link rel="alternate" href="http://outlet.test/b"/><updated>2024-05-17T09:15:00+08:00</updated>
</entry></feed>"""


def test_rss_items_give_link_title_and_utc_time():
    feed = parse_feed(RSS, "application/rss+xml")
    assert [(e.link, e.title) for e in feed.entries] == [
        ("http://outlet.test/a?utm_source=rss", "Putin arrives")
    ]
    assert feed.entries[0].published_at == datetime(2024, 5, 16, 1, 41, tzinfo=UTC)
    assert not feed.malformed


def test_atom_entries_are_read_with_their_offset_applied():
    (entry,) = parse_feed(ATOM, "application/atom+xml").entries
    assert entry.link == "http://outlet.test/b"
    assert entry.published_at == datetime(2024, 5, 17, 1, 15, tzinfo=UTC)


def test_truncated_feed_with_no_items_is_an_error_with_a_reason():
    with pytest.raises(FeedError, match="not a valid feed"):
        parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Out', None)


def test_html_page_is_not_a_feed():
    with pytest.raises(FeedError):
        parse_feed(b"<html><body><p>Oops</p></body></html>", "text/html")
