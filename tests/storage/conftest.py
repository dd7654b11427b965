from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from scrapy.core.engine import ExecutionEngine
from sqlalchemy.engine import Engine

from crawler.items import ArticleItem
from pipelines.storage.database import create_engine
from pipelines.storage.migrate import upgrade
from pipelines.storage.testing import database_backends, throwaway_database

FETCHED_AT = datetime(2024, 5, 16, 9, 30, tzinfo=UTC)


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
def make_item() -> Callable[..., ArticleItem]:
    """Build a cleaned ArticleItem; keyword arguments override its fields."""

    def make(**overrides: Any) -> ArticleItem:
        fields: dict[str, Any] = {
            "url": "https://news.example/a?utm_source=feed",
            "final_url": "https://news.example/a",
            "canonical_url": "https://news.example/a",
            "outlet": "Example News",
            "host": "news.example",
            "http_status": 200,
            "fetched_at": FETCHED_AT,
            "discovered_via": "feed",
            "story": "flood-2024",
            "title": "River bursts its banks",
            "authors": ["A. Writer", "B. Reporter"],
            "published_at": datetime(2024, 5, 16, 7, 0, tzinfo=UTC),
            "published_source": "jsonld",
            "published_precision": "time",
            "language": "en",
            "text": "The river rose overnight.",
            "text_hash": "0" * 64,
            "word_count": 4,
            "tags": ["weather", "floods"],
        }
        fields.update(overrides)
        return ArticleItem(**fields)

    return make


@pytest.fixture
def quick_heartbeat(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let an idle crawl close at once instead of on the engine's 5-second heartbeat."""
    monkeypatch.setattr(ExecutionEngine, "_SLOT_HEARTBEAT_INTERVAL", 0.05)
