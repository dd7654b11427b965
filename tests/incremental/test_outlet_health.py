"""An outlet that keeps refusing the crawler is flagged; the others are not."""

from __future__ import annotations

import pytest

from crawler.fixtureweb.resource import TEXT
from pipelines.storage.database import create_engine
from pipelines.storage.health import format_health, outlet_health
from tests.aio import async_test
from tests.commands.cli import scrapy
from tests.incremental.test_incremental_crawl import T0, crawl


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_outlet_answering_403_in_three_runs_is_flagged_blocked(fixture_server, database_url):
    listings = fixture_server.web.outlets["newsworld.test"]
    for url in (*listings.feeds, *listings.sitemaps, *listings.sections):
        fixture_server.web.put(url, "Forbidden", TEXT, status=403)

    for _ in range(3):
        await crawl(fixture_server, database_url, T0, force="1")

    engine = create_engine(database_url)
    try:
        health = {h.outlet: h for h in outlet_health(engine, "putin-china-2024-fixture")}
    finally:
        engine.dispose()
    assert health["Newsworld"].flags == ("silent", "blocked")
    assert health["Newsworld"].blocked_runs == 3
    assert health["Al Jazeera"].healthy
    assert health["Al Jazeera"].runs == 3
    table = format_health(list(health.values()))
    assert "FLAGGED: answered 403/429 in every latest run" in table


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_outlet_is_not_flagged_before_it_has_failed_in_enough_runs(
    fixture_server, database_url
):
    listings = fixture_server.web.outlets["newsworld.test"]
    for url in (*listings.feeds, *listings.sitemaps, *listings.sections):
        fixture_server.web.put(url, "Forbidden", TEXT, status=403)

    await crawl(fixture_server, database_url, T0)

    engine = create_engine(database_url)
    try:
        health = {h.outlet: h for h in outlet_health(engine, "putin-china-2024-fixture")}
    finally:
        engine.dispose()
    assert health["Newsworld"].healthy


@pytest.mark.usefixtures("quick_heartbeat")
@async_test
async def test_report_names_the_flagged_outlet(fixture_server, tmp_path):
    database_url = f"sqlite:///{tmp_path}/report.db"
    listings = fixture_server.web.outlets["newsworld.test"]
    for url in (*listings.feeds, *listings.sitemaps, *listings.sections):
        fixture_server.web.put(url, "Forbidden", TEXT, status=403)
    for _ in range(3):
        await crawl(fixture_server, database_url, T0, force="1")

    result = scrapy("report", env={"DATABASE_URL": database_url})

    assert result.returncode == 0, result.stderr
    flagged = [line for line in result.stdout.splitlines() if line.startswith("Outlet health:")]
    assert flagged == [
        "Outlet health: Newsworld (putin-china-2024-fixture) yielded nothing in the latest runs;"
        " answered 403/429 in every latest run"
    ]
