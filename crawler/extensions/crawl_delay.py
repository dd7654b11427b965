"""Honour robots.txt Crawl-delay, which Scrapy reads but does not act on."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)


class RobotsCrawlDelay:
    """Keep each site's download slot at least as slow as its robots.txt Crawl-delay asks.

    AutoThrottle lowers slot delays as responses come back quickly; this runs after it
    (connected later) and puts the floor back. STORYWATCH_MAX_CRAWL_DELAY caps absurd values.
    """

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        self.crawler = crawler
        self.max_delay = crawler.settings.getfloat("STORYWATCH_MAX_CRAWL_DELAY", 60.0)
        self.floors: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the extension; off when robots.txt is not obeyed."""
        return cls(crawler)

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Record the Crawl-delay for the request's download slot and apply it now."""
        user_agent = self.crawler.settings.get("ROBOTSTXT_USER_AGENT") or self.crawler.settings.get(
            "USER_AGENT"
        )
        delay = robotparser.crawl_delay(user_agent)
        if not delay:
            return
        assert self.crawler.engine is not None
        downloader = self.crawler.engine.downloader
        key = downloader.get_slot_key(request)
        self.floors[key] = min(delay, self.max_delay)
        logger.info(
            "robots.txt of %(slot)s asks for a %(delay)g s crawl delay; honouring %(floor)g s",
            {"slot": key, "delay": delay, "floor": self.floors[key]},
        )
        self._apply(key)

    def response_downloaded(self, response: Response, request: Request) -> None:
        """Undo any AutoThrottle adjustment below the site's floor."""
        key = request.meta.get("download_slot")
        if key in self.floors:
            self._apply(key)

    def _apply(self, key: str) -> None:
        assert self.crawler.engine is not None
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is not None and slot.delay < self.floors[key]:
            slot.delay = self.floors[key]
