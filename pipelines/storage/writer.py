"""Batches of article rows, written by one dedicated thread so the reactor never waits on them."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from pipelines.storage.upsert import ARTICLE_KEY, deduplicate, upsert_articles

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Engine

_P = ParamSpec("_P")
_T = TypeVar("_T")


class ArticleWriter:
    """Collect rows into batches of distinct articles and run every database call on one thread."""

    def __init__(self, engine: Engine, batch_size: int) -> None:
        self.engine = engine
        self.batch_size = max(1, batch_size)
        self._pending: list[dict[str, Any]] = []
        self._pending_keys: set[str] = set()
        # One thread: SQLite allows one writer, and batches then land in the order they were made.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storywatch-store")

    def add(self, row: dict[str, Any]) -> list[dict[str, Any]] | None:
        """Queue a row; return the batch to write once it holds batch_size distinct articles."""
        self._pending.append(row)
        self._pending_keys.add(row[ARTICLE_KEY])
        if len(self._pending_keys) >= self.batch_size:
            return self.take()
        return None

    def take(self) -> list[dict[str, Any]]:
        """Remove and return every pending row, de-duplicated by canonical URL."""
        batch = deduplicate(self._pending)
        self._pending, self._pending_keys = [], set()
        return batch

    def call(self, function: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]:
        """Run any database call on the writer thread, after the writes queued before it."""
        return self._executor.submit(function, *args, **kwargs)

    def write(self, batch: list[dict[str, Any]]) -> Future[int]:
        """Upsert a batch on the writer thread; the future holds the number of articles written."""
        return self.call(upsert_articles, self.engine, batch)

    def close(self) -> Future[None]:
        """Release the connections once every queued write is done, then end the thread."""
        done = self.call(self.engine.dispose)
        self._executor.shutdown(wait=False)
        return done
