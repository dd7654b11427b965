"""A process pool for trafilatura: bounded pages in flight, per-page time limit, recycling."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any

from pebble import ProcessExpired, ProcessPool

from pipelines.extraction.worker import extract_page

if TYPE_CHECKING:
    from collections.abc import Callable

logger = logging.getLogger(__name__)


class ExtractionFailed(Exception):
    """A page whose extraction could not finish: it crashed or hung its worker."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


class ExtractionPool:
    """Runs extract_page in worker processes, never in threads (trafilatura is not thread-safe).

    pebble kills only the worker that ran over its time limit or crashed, so a bad page costs
    that page alone; the other pages in flight carry on in their own workers.
    """

    def __init__(
        self,
        workers: int = 0,
        timeout: float = 30.0,
        tasks_per_child: int = 200,
        max_in_flight: int = 0,
        job: Callable[[str, str | None], dict[str, Any]] = extract_page,
    ) -> None:
        self.job = job  # a module-level function, so worker processes can import it
        self.workers = workers or os.cpu_count() or 1
        self.timeout = timeout
        self.max_in_flight = max_in_flight or 2 * self.workers
        # forkserver: workers do not inherit the reactor, sockets and threads of the crawler.
        self._pool = ProcessPool(
            max_workers=self.workers,
            max_tasks=tasks_per_child,
            context=multiprocessing.get_context("forkserver"),
        )
        self._slots: asyncio.Semaphore | None = None

    def submit(self, html: str, url: str | None) -> Future[dict[str, Any]]:
        """Schedule one page; the future's result is extract_page's dict."""
        future: Future[dict[str, Any]] = self._pool.schedule(
            self.job, args=(html, url), timeout=self.timeout
        )
        return future

    def result(self, html: str, url: str | None) -> dict[str, Any]:
        """Extract one page, blocking; for command-line tools, never for the reactor."""
        return self.wait(self.submit(html, url), self.timeout)

    @staticmethod
    def wait(future: Future[dict[str, Any]], timeout: float) -> dict[str, Any]:
        """Block for a submitted page's result, turning worker failures into ExtractionFailed."""
        try:
            return future.result()
        except FutureTimeout:
            raise ExtractionFailed("timeout", f"took over {timeout:g} s") from None
        except ProcessExpired as exc:
            raise ExtractionFailed("worker_crashed", str(exc)) from None

    async def extract(self, html: str, url: str | None) -> dict[str, Any]:
        """Extract one page without blocking the event loop, waiting for a free slot first."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_in_flight)
        async with self._slots:
            future = self.submit(html, url)
            try:
                return await asyncio.wrap_future(future)
            except FutureTimeout:
                raise ExtractionFailed("timeout", f"took over {self.timeout:g} s") from None
            except ProcessExpired as exc:
                raise ExtractionFailed("worker_crashed", str(exc)) from None

    def close(self) -> None:
        """Stop the workers, letting none linger after the crawl."""
        self._pool.stop()  # type: ignore[no-untyped-call]
        self._pool.join(timeout=10)
