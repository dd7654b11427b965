"""Honour Retry-After on 429 and 503: slow the site's download slot, or stop asking this run."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Self

from pipelines.storage.schedule import retry_after

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

RETRY_AFTER_STATUSES = frozenset({429, 503})


class RetryAfterMiddleware:
    """Keep a site's slot at least Retry-After seconds apart; past the cap, do not retry at all.

    Runs before Scrapy's RetryMiddleware sees the response (a higher order number), so a wait
    longer than STORYWATCH_MAX_RETRY_AFTER turns the retry off and the listing's next due time
    (set by the spider from the same header) carries the wait over to a later run.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("STORYWATCH_MAX_RETRY_AFTER", 120.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware from the crawler's settings."""
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        """Apply a Retry-After header of a 429 or 503 answer to the site's download slot."""
        if response.status not in RETRY_AFTER_STATUSES:
            return response
        wait = retry_after(response.headers.get(b"Retry-After"), datetime.now(UTC))
        if wait is None:
            return response
        seconds = wait.total_seconds()
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value("storywatch/retry_after")
        if seconds > self.cap:
            request.meta["dont_retry"] = True
            logger.warning(
                "%(url)s asks to retry after %(s)d s, over the %(cap)g s cap: not retried this run",
                {"url": request.url, "s": seconds, "cap": self.cap},
            )
            return response
        assert self.crawler.engine is not None
        downloader = self.crawler.engine.downloader
        slot = downloader.slots.get(downloader.get_slot_key(request))
        if slot is not None and slot.delay < seconds:
            slot.delay = seconds
        logger.info(
            "%(url)s asks to retry after %(s)d s; slowing its site down to match",
            {"url": request.url, "s": seconds},
        )
        return response
