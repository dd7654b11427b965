"""The Redis add-on: with REDIS_URL set, crawls share a scrapy-redis frontier."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

SCHEDULER = "crawler.distributed.frontier.RedisFrontier"


class RedisAddon:
    """Switch the scheduler and duplicate filter to Redis when REDIS_URL is set; else do nothing."""

    def update_settings(self, settings: BaseSettings) -> None:
        """Point Scrapy at the shared frontier; a crawl without REDIS_URL stays in-process."""
        if not settings.get("REDIS_URL"):
            return
        settings.set("SCHEDULER", SCHEDULER, priority="addon")
        settings.set("DUPEFILTER_CLASS", "scrapy_redis.dupefilter.RFPDupeFilter", priority="addon")
        # The frontier outlives each worker; the last worker to finish clears it (frontier.py).
        settings.set("SCHEDULER_PERSIST", True, priority="addon")
        # A blocking pop would freeze the reactor: never wait inside Redis.
        settings.set("SCHEDULER_IDLE_BEFORE_CLOSE", 0, priority="addon")
