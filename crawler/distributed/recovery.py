"""Which of a dead worker's article URLs are stored already, so only the rest is fetched again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from pipelines.storage.database import configured_url, create_engine
from pipelines.storage.models import Article

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scrapy.settings import BaseSettings

_CHUNK = 500  # URLs per query, well under any backend's bound-parameter limit


def stored_urls(settings: BaseSettings, urls: Sequence[str]) -> set[str]:
    """The URLs among ``urls`` that an article row was stored under (requested or canonical)."""
    wanted = [url for url in urls if url]
    if not wanted:
        return set()
    engine = create_engine(configured_url(settings))
    found: set[str] = set()
    try:
        with engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                query = select(Article.url, Article.canonical_url).where(
                    or_(Article.url.in_(chunk), Article.canonical_url.in_(chunk))
                )
                for row in connection.execute(query):
                    found.update((row.url, row.canonical_url))
    except Exception:  # no table yet (a first run): nothing is stored
        return set()
    finally:
        engine.dispose()
    return found & set(wanted)
