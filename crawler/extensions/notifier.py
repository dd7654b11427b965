"""After a run that found something, hand what is new or updated to the story's notify target."""

from __future__ import annotations

import asyncio
import json
import logging
import shlex
import subprocess
import urllib.request
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals

from crawler.clock import crawl_now
from pipelines.storage import stats as storage_stats
from pipelines.storage.database import configured_url, create_engine, describe_error
from pipelines.storage.export import json_record, stored_rows

if TYPE_CHECKING:
    from datetime import datetime

    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)

NOTIFY_TIMEOUT_SECONDS = 30
# Left out of notifications: whole texts would make every message megabytes long.
_OMITTED = frozenset({"text"})


class RunNotifier:
    """Send the run's new and updated articles to a command (stdin) or a webhook (POST JSON)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._started: datetime | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the notifier; it does nothing for stories without a notify target."""
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        """Remember when the run began: what changed since then is news."""
        self._started = crawl_now(self.crawler.settings)

    async def spider_closed(self, spider: Spider) -> None:
        """Notify, off the reactor thread, if the run stored anything new or updated."""
        story = getattr(spider, "story", None)
        target = getattr(story, "notify", None)
        stats = self.crawler.stats
        found = sum(
            int(stats.get_value(storage_stats.article_outcome(o)) or 0) for o in ("new", "updated")
        )
        if not target or not found or self._started is None:
            return
        url = configured_url(self.crawler.settings)
        try:
            name = str(getattr(story, "name", ""))
            sent = await asyncio.to_thread(notify, target, url, name, self._started)
        except Exception as exc:  # a notification failure must not fail the crawl it reports on
            stats.inc_value("storywatch/notify/failed")
            logger.error(
                "Notification to %(target)s failed: %(error)s",
                {"target": target, "error": describe_error(exc)},
            )
            return
        stats.inc_value("storywatch/notify/sent")
        logger.info("Notified %(target)s of %(n)d articles", {"target": target, "n": sent})


def notification(database_url: str, story: str, since: datetime) -> dict[str, Any]:
    """The message: the story, the run's start, and its new and updated articles."""
    engine = create_engine(database_url)
    try:
        articles = []
        for row in stored_rows(engine, story, since):
            record = {k: v for k, v in json_record(row).items() if k not in _OMITTED}
            record["change"] = "updated" if row["first_seen_at"] < since else "new"
            articles.append(record)
    finally:
        engine.dispose()
    return {"story": story, "since": since.isoformat(), "articles": articles}


def notify(target: str, database_url: str, story: str, since: datetime) -> int:
    """Deliver the notification to a webhook URL or a command; return how many articles it held."""
    message = notification(database_url, story, since)
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    if target.startswith(("http://", "https://")):
        request = urllib.request.Request(
            target, data=body, method="POST", headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=NOTIFY_TIMEOUT_SECONDS) as response:
            response.read()
    else:
        subprocess.run(shlex.split(target), input=body, timeout=NOTIFY_TIMEOUT_SECONDS, check=True)
    return len(message["articles"])
