from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from crawler.items import ArticleItem

FETCHED_AT = datetime(2024, 5, 16, 9, 30, tzinfo=UTC)


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
