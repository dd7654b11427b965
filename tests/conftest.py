"""Shared pytest fixtures: the fixture web's server, throwaway databases, a quick engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.core.engine import ExecutionEngine
from sqlalchemy.engine import Engine

from crawler.fixtureweb.server import FixtureServer
from crawler.fixtureweb.site import build_fixture_web
from pipelines.storage.database import create_engine
from pipelines.storage.migrate import upgrade
from pipelines.storage.testing import database_backends, throwaway_database


@pytest.fixture
def fixture_server() -> Iterator[FixtureServer]:
    """The fixture web, hostile.test included, served on 127.0.0.1 at a free port.

    Function-scoped: each test gets a fresh web (edits never leak) and an empty request log.
    Crawl it by setting STORYWATCH_PROXY (or a request's proxy) to ``fixture_server.proxy_url``.
    """
    with FixtureServer(build_fixture_web(hostile=True)) as server:
        yield server


@pytest.fixture(params=database_backends())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: SQLite always, PostgreSQL too when TEST_DATABASE_URL is set."""
    with throwaway_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """An engine on a database migrated to head."""
    upgrade(database_url)
    engine = create_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def quick_heartbeat(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let an idle crawl close at once instead of on the engine's 5-second heartbeat."""
    monkeypatch.setattr(ExecutionEngine, "_SLOT_HEARTBEAT_INTERVAL", 0.05)


def project_settings(**overrides: object) -> dict[str, object]:
    """The project's own settings (crawler/settings.py) with test overrides on top."""
    import crawler.settings as module

    values: dict[str, object] = {k: getattr(module, k) for k in dir(module) if k.isupper()}
    values.update(overrides)
    return values


def fixture_crawl_settings(
    server: FixtureServer, database_url: str, **overrides: object
) -> dict[str, object]:
    """Project settings for a crawl of the fixture web into ``database_url``, without delays."""
    return project_settings(
        STORYWATCH_PROXY=server.proxy_url,
        STORYWATCH_DATABASE_URL=database_url,
        STORYWATCH_EXTRACT_WORKERS=2,
        STORYWATCH_STORE_FLUSH_SECONDS=0.5,
        AUTOTHROTTLE_ENABLED=False,
        DOWNLOAD_DELAY=0,
        **overrides,
    )
