"""A scrapy-redis scheduler per story, with worker liveness and recovery of a dead worker's work."""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from typing import TYPE_CHECKING, Any, Self

from redis.exceptions import ResponseError
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler.distributed.recovery import stored_urls
from crawler.middlewares.conditional import VALIDATORS_META
from crawler.spiders.listing_state import RECOVERED_META

if TYPE_CHECKING:
    from redis.commands.core import Script
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

ARTICLE_CALLBACK = "parse_article"
POLL_SECONDS = 1.0  # how often a worker refreshes its key and looks for work in Redis
# Each script makes two Redis writes one step: a worker killed between them would lose the
# request for good (popped but not recorded in flight; marked seen but never queued).
# KEYS: queue, in-flight hash. Pops the best request and records it under its digest.
_POP_INTO_INFLIGHT = """
local top = redis.call('ZRANGE', KEYS[1], 0, 0)
if #top == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('HSET', KEYS[2], redis.sha1hex(top[1]), top[1])
return top[1]
"""
# KEYS: duplicate filter, queue. ARGV: fingerprint ('' = unfiltered), score, request, force.
_SEE_AND_PUSH = """
local added = 1
if ARGV[1] ~= '' then added = redis.call('SADD', KEYS[1], ARGV[1]) end
if added == 1 or ARGV[4] == '1' then
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
  return 1
end
return 0
"""


class RedisFrontier(Scheduler):  # type: ignore[misc]
    """A Redis frontier shared by every worker crawling the same story.

    Keys live under ``STORYWATCH_REDIS_PREFIX:<spider>:<story>``: ``requests`` (the queue),
    ``dupefilter`` (fingerprints of every request this round), ``alive:<worker>`` (expires unless
    the worker refreshes it) and ``inflight:<worker>`` (every request the worker popped). A worker
    that ends normally deletes its in-flight record; one that was killed leaves it behind, and the
    next worker to start puts back what it had not stored.
    """

    crawler: Crawler
    prefix: str
    worker: str
    worker_ttl: float
    max_idle: float
    last_active: float
    beat: task.LoopingCall | None
    frontier: str
    alive_key: str
    inflight_key: str
    _pop_script: Script
    _push_script: Script

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the scheduler and listen for the engine going idle."""
        instance: Self = super().from_crawler(crawler)
        settings = crawler.settings
        instance.crawler = crawler
        instance.prefix = settings.get("STORYWATCH_REDIS_PREFIX", "storywatch")
        instance.worker_ttl = settings.getfloat("STORYWATCH_REDIS_WORKER_TTL", 30.0)
        instance.max_idle = settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE", 30.0)
        instance.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        instance.last_active = time.monotonic()
        instance.beat = None
        crawler.signals.connect(instance.spider_idle, signal=signals.spider_idle)
        return instance

    def open(self, spider: Spider) -> None:
        """Name this story's keys, announce the worker, and recover dead workers' requests."""
        frontier = f"{self.prefix}:{spider.name}:{getattr(spider, 'story_name', None) or '-'}"
        self.frontier = frontier
        self.queue_key = f"{frontier}:requests"
        self.df = RFPDupeFilter(self.server, key=f"{frontier}:dupefilter")
        self.alive_key = f"{frontier}:alive:{self.worker}"
        self.inflight_key = f"{frontier}:inflight:{self.worker}"
        super().open(spider)
        # Sent once, then run by digest (EVALSHA).
        self._pop_script = self.server.register_script(_POP_INTO_INFLIGHT)
        self._push_script = self.server.register_script(_SEE_AND_PUSH)
        self._announce()
        self.beat = task.LoopingCall(self._beat)
        self.beat.start(min(max(self.worker_ttl / 3, 0.1), POLL_SECONDS), now=False)
        self._recover_dead_workers()
        logger.info(
            "Worker %(worker)s joined frontier %(frontier)s (%(queued)d requests queued)",
            {"worker": self.worker, "frontier": frontier, "queued": len(self.queue)},
        )

    def enqueue_request(self, request: Request) -> bool:
        """Queue the request unless the frontier saw it already; False when it did."""
        if not self._push(request):
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        """Pop the next request, recorded as in flight for this worker in the same step."""
        data = self._pop_script(keys=[self.queue.key, self.inflight_key])
        if data is None:
            return None
        self.last_active = time.monotonic()
        self.stats.inc_value("scheduler/dequeued/redis")
        request: Request = self.queue._decode_request(data)
        return request

    def _push(self, request: Request, *, force: bool = False) -> bool:
        """Mark the request seen and queue it, atomically; ``force`` queues it even if seen."""
        fingerprint = "" if request.dont_filter else self.df.request_fingerprint(request)
        encoded = self.queue._encode_request(request)
        added = self._push_script(
            keys=[self.df.key, self.queue.key],
            args=[fingerprint, -request.priority, encoded, "1" if force else "0"],
        )
        return bool(added)

    def close(self, reason: str) -> None:
        """Leave the frontier; the last worker to finish a drained queue clears it for next time."""
        if self.beat is not None and self.beat.running:
            self.beat.stop()
        self.server.delete(self.alive_key)
        if reason != "finished":
            # Shut down early: what this worker popped may be unfinished; the next worker takes it.
            return
        self.server.delete(self.inflight_key)
        if len(self.queue) == 0 and not self._other_workers():
            logger.info("Frontier %(frontier)s drained: cleared", {"frontier": self.frontier})
            self.flush()

    def spider_idle(self) -> None:
        """Keep an idle worker waiting while others may still add work, up to the idle limit."""
        if len(self.queue) > 0:
            self.last_active = time.monotonic()
            raise DontCloseSpider
        if time.monotonic() - self.last_active < self.max_idle:
            raise DontCloseSpider

    def _beat(self) -> None:
        self._announce()
        # An idle engine looks at its scheduler only every 5 s; work pushed by other workers
        # (or the idle limit running out) is noticed sooner when the engine is nudged.
        slot = getattr(self.crawler.engine, "_slot", None)
        nextcall = getattr(slot, "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()

    def _announce(self) -> None:
        self.server.set(self.alive_key, b"1", px=int(self.worker_ttl * 1000))

    def _other_workers(self) -> list[bytes]:
        keys = self.server.keys(f"{self.frontier}:alive:*")
        return [k for k in keys if k.decode() != self.alive_key]

    def _recover_dead_workers(self) -> None:
        # A worker killed while recovering leaves its claimed record under "recovering:".
        records = [
            (key, key.decode().removeprefix(f"{self.frontier}:{kind}:"))
            for kind in ("inflight", "recovering")
            for key in self.server.keys(f"{self.frontier}:{kind}:*")
        ]
        for key, worker in records:
            if worker == self.worker or self.server.exists(f"{self.frontier}:alive:{worker}"):
                continue
            claimed = f"{self.frontier}:recovering:{self.worker}"
            try:
                # RENAME is atomic: of two workers starting together, one takes the record.
                self.server.rename(key, claimed)
            except ResponseError:  # the record is gone: another worker claimed it first
                continue
            self._requeue(worker, claimed)

    def _requeue(self, worker: str, claimed: str) -> None:
        requests = [self.queue._decode_request(v) for v in self.server.hvals(claimed)]
        articles = [r for r in requests if _callback_name(r) == ARTICLE_CALLBACK]
        done = stored_urls(
            self.crawler.settings, [r.cb_kwargs.get("article_url", "") for r in articles]
        )
        requeued = 0
        for request in requests:
            if _callback_name(request) == ARTICLE_CALLBACK:
                if request.cb_kwargs.get("article_url") in done:
                    continue
            else:
                # A listing: read it in full, whatever state the dead worker stored for it.
                request.meta.pop(VALIDATORS_META, None)
                request.meta[RECOVERED_META] = True
            # Seen from now on, so the listing read again does not queue the same page twice.
            self._push(request, force=True)
            requeued += 1
        self.server.delete(claimed)
        self.stats.inc_value("storywatch/frontier/recovered", requeued)
        logger.warning(
            "Worker %(worker)s ended unfinished: %(n)d of its requests put back in the queue",
            {"worker": worker, "n": requeued},
        )


def _callback_name(request: Request) -> str:
    callback: Any = request.callback
    return str(getattr(callback, "__name__", ""))
