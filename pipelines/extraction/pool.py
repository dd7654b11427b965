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

# Imported by the fork server before it forks any worker (see ExtractionPool.__init__).
PRELOADED = "pipelines.extraction.worker"


class ExtractionFailed(Exception):
    """A page whose extraction could not finish: it crashed or hung its worker."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason


class ExtractionPool:
    """Runs a page job (extract_page unless told) in processes: trafilatura is not thread-safe.

    pebble kills only the worker that ran over its time limit or crashed, so a bad page costs
    that page alone; the other pages in flight carry on in their own workers.
    """

    def __init__(
        self,
        workers: int = 0,
        timeout: float = 30.0,
        tasks_per_child: int = 200,
        max_in_flight: int = 0,
        job: Callable[..., Any] = extract_page,
        initializer: Callable[..., None] | None = None,
        initargs: tuple[Any, ...] = (),
    ) -> None:
        self.job = job  # a module-level function, so worker processes can import it
        self.workers = workers or os.cpu_count() or 1
        self.timeout = timeout
        self.max_in_flight = max_in_flight or 2 * self.workers
        # forkserver: workers do not inherit the reactor, sockets and threads of the crawler.
        context = multiprocessing.get_context("forkserver")
        # The fork server imports trafilatura and lxml once, so a recycled worker starts without
        # importing them again (about 0.3 s of CPU each). It is one process for the whole
        # interpreter: this only counts if no pool has started it yet.
        context.set_forkserver_preload([PRELOADED, job.__module__])
        # pebble runs the initializer in every worker it starts, recycled ones too: per-crawl
        # state (the story's relevance model) is sent once per worker instead of once per page.
        self._pool = ProcessPool(
            max_workers=self.workers,
            max_tasks=tasks_per_child,
            initializer=initializer,
            initargs=initargs,
            context=context,
        )
        self._slots: asyncio.Semaphore | None = None

    def submit(self, *args: Any) -> Future[Any]:
        """Schedule one page; the future's result is the job's return value."""
        future: Future[Any] = self._pool.schedule(self.job, args=args, timeout=self.timeout)
        return future

    def result(self, *args: Any) -> Any:
        """Extract one page, blocking; for command-line tools, never for the reactor."""
        return self.wait(self.submit(*args), self.timeout)

    @staticmethod
    def wait(future: Future[Any], timeout: float) -> Any:
        """Block for a submitted page's result, turning worker failures into ExtractionFailed."""
        try:
            return future.result()
        except FutureTimeout:
            raise ExtractionFailed("timeout", f"took over {timeout:g} s") from None
        except ProcessExpired as exc:
            raise ExtractionFailed("worker_crashed", str(exc)) from None

    async def extract(self, *args: Any) -> Any:
        """Run the job on one page off the event loop, waiting for a free slot first."""
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.max_in_flight)
        async with self._slots:
            future = self.submit(*args)
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
