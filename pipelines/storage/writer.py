"""Batches of rows, written by one dedicated thread so the reactor never waits on them."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from crawler.items import ArticleChecked, ArticleGone, ListingChecked
from pipelines.storage.store import Batch, BatchResult, write_batch
from pipelines.storage.upsert import ARTICLE_KEY

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Engine

_P = ParamSpec("_P")
_T = TypeVar("_T")

Record = ArticleChecked | ArticleGone | ListingChecked


class ArticleWriter:
    """Collect rows into batches and run every database call on one thread."""

    def __init__(self, engine: Engine, batch_size: int) -> None:
        self.engine = engine
        self.batch_size = max(1, batch_size)
        self._pending = Batch()
        self._pending_keys: set[str] = set()
        # One thread: SQLite allows one writer, and batches then land in the order they were made.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storywatch-store")

    def add(self, row: dict[str, Any]) -> Batch | None:
        """Queue an article row; return the batch to write once it holds batch_size articles."""
        self._pending.articles.append(row)
        self._pending_keys.add(row[ARTICLE_KEY])
        return self._full()

    def add_record(self, record: Record) -> Batch | None:
        """Queue a re-check, a deletion or a listing state; return a full batch to write."""
        if isinstance(record, ArticleChecked):
            self._pending.checks.append(record)
        elif isinstance(record, ArticleGone):
            self._pending.gone.append(record)
        else:
            self._pending.listings.append(record)
        return self._full()

    def _full(self) -> Batch | None:
        records = len(self._pending) - len(self._pending.articles)
        if len(self._pending_keys) + records >= self.batch_size:
            return self.take()
        return None

    def take(self) -> Batch:
        """Remove and return everything pending."""
        batch, self._pending, self._pending_keys = self._pending, Batch(), set()
        return batch

    def call(self, function: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> Future[_T]:
        """Run any database call on the writer thread, after the writes queued before it."""
        return self._executor.submit(function, *args, **kwargs)

    def write(self, batch: Batch) -> Future[BatchResult]:
        """Write a batch on the writer thread; the future holds each article's outcome."""
        return self.call(write_batch, self.engine, batch)

    def close(self) -> Future[None]:
        """Release the connections once every queued write is done, then end the thread."""
        done = self.call(self.engine.dispose)
        self._executor.shutdown(wait=False)
        return done
