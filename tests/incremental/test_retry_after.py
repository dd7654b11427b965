"""A listing that answers 429 with Retry-After is not hammered, and waits that long to be due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from pipelines.storage.database import create_engine
from pipelines.storage.models import ListingState
from tests.aio import async_test
from tests.incremental.test_incremental_crawl import T0, crawl

FEED = "http://aljazeera.test/xml/rss/all.xml"


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_listing_answering_429_with_long_retry_after_is_asked_once_and_postponed(
    fixture_server, database_url
):
    fixture_server.web.put(
        FEED, "Too many requests", "text/plain", status=429, headers=(("Retry-After", "7200"),)
    )

    stats = await crawl(fixture_server, database_url, T0)

    # Over STORYWATCH_MAX_RETRY_AFTER the request is not retried within the run.
    assert sum(1 for e in fixture_server.request_log if e.url == FEED) == 1
    assert stats["storywatch/retry_after"] == 1
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            state = connection.execute(select(ListingState).where(ListingState.url == FEED)).one()
    finally:
        engine.dispose()
    assert state.status == 429
    due = state.next_due_at.astimezone(UTC)
    assert due >= T0 + timedelta(hours=2)
    assert due < datetime(2100, 1, 1, tzinfo=UTC)
