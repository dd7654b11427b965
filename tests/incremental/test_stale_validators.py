"""A server that answers 304 after its feed changed cannot hide the change for long."""

from __future__ import annotations

from datetime import timedelta

import pytest

from crawler.fixtureweb.catalog import Catalog
from crawler.fixtureweb.render import outlet_resources
from tests.aio import async_test
from tests.incremental.edits import new_article
from tests.incremental.test_incremental_crawl import T0, crawl, stored


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_feed_that_keeps_its_validators_after_a_change_is_read_in_full_once_they_age(
    fixture_server, database_url
):
    web = fixture_server.web
    await crawl(fixture_server, database_url, T0)
    template = web.article("heat-index-advisory")
    fresh = new_article(
        template,
        "trade-deal",
        "/2024/05/18/china-and-russia-sign-trade-accords-after-summit/",
        "China and Russia sign trade accords after summit",
        T0 - timedelta(minutes=20),
    )
    outlet = template.outlet
    articles = (*(a for a in web.articles if a.outlet is outlet), fresh)
    resources = outlet_resources(Catalog(outlets={outlet.key: outlet}, articles=articles), outlet)
    feed = web.outlets["newsworld.test"].feeds[0]
    for url in (fresh.url, feed):
        # The feed changes but keeps its old ETag and Last-Modified: conditional requests get 304.
        web.put(url, resources[url].body, resources[url].content_type, keep_validators=True)

    await crawl(fixture_server, database_url, T0 + timedelta(minutes=45), force="1")
    assert fresh.url not in stored(database_url)[0]  # the 304 hid it, as the server meant

    fixture_server.clear_request_log()
    await crawl(fixture_server, database_url, T0 + timedelta(hours=7), force="1")

    (feed_request,) = [e for e in fixture_server.request_log if e.url == feed]
    assert feed_request.status == 200
    assert "If-None-Match" not in feed_request.headers
    assert fresh.url in stored(database_url)[0]
