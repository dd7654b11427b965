"""What every storywatch spider shares: fetch each article once, hand it to the pipelines."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.items import ArticleItem, Listing
from pipelines.urls import normalize_url

if TYPE_CHECKING:
    from collections.abc import Iterator

    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class ArticleSpider(Spider):
    """Base spider: requests each discovered article once and yields an ArticleItem for it."""

    story_name: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._listings: dict[str, list[Listing]] = {}

    @property
    def stats(self) -> StatsCollector:
        """The crawl's stats collector (available once the spider is open)."""
        stats = self.crawler.stats
        assert stats is not None
        return stats

    def outlet_for(self, url: str) -> str:
        """The outlet name to record for an article URL."""
        return urlsplit(url).hostname or url

    def request_article(self, url: str, listing: Listing) -> Request | None:
        """A request for a newly discovered article, or None when it is already on its way."""
        listing.link = listing.link or url
        url = normalize_url(url)
        if urlsplit(url).scheme not in ("http", "https"):
            self.stats.inc_value("storywatch/discovery/bad_url")
            return None
        known = self._listings.get(url)
        if known is not None:
            known.append(listing)
            self.stats.inc_value("storywatch/discovery/seen_again")
            return None
        self._listings[url] = [listing]
        self.stats.inc_value("storywatch/discovered")
        self.stats.inc_value(f"storywatch/discovered/{listing.via}")
        return Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"article_url": url},
        )

    def parse_article(self, response: Response, article_url: str) -> Iterator[ArticleItem]:
        """Hand an HTML article response to the pipelines; count and skip anything else."""
        listings = self._listings.get(article_url, [])
        reason = _not_article_reason(response)
        if reason is not None:
            self.stats.inc_value(f"storywatch/dropped/{reason}")
            logger.warning(
                "Skipped %(url)s: %(reason)s",
                {"url": response.url, "reason": reason.replace("_", " ")},
            )
            return
        assert isinstance(response, TextResponse)
        self.stats.inc_value("storywatch/fetched")
        host = urlsplit(response.url).hostname or ""
        yield ArticleItem(
            url=article_url,
            final_url=response.url,
            outlet=self.outlet_for(article_url),
            host=host,
            http_status=response.status,
            fetched_at=datetime.now(UTC),
            discovered_via=listings[0].via if listings else "unknown",
            listings=list(listings),
            story=self.story_name,
            html=response.text,
        )

    def article_failed(self, failure: Failure) -> None:
        """Count and log an article that could not be fetched."""
        request = failure.request  # type: ignore[attr-defined]
        reason = failure_reason(failure)
        self.stats.inc_value(f"storywatch/dropped/{reason}")
        # Obeying robots.txt is intended behaviour, not a problem to warn about.
        level = logging.INFO if reason == "robots_forbidden" else logging.WARNING
        logger.log(
            level, "Article %(url)s not fetched: %(reason)s", {"url": request.url, "reason": reason}
        )


def failure_reason(failure: Failure) -> str:
    """A short stat-friendly reason for a failed request: http_404, robots_forbidden, timeout..."""
    error = failure.value
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    if isinstance(error, IgnoreRequest):
        return "robots_forbidden" if "robots" in str(error).lower() else "ignored"
    if "max size" in str(error) or "maxsize" in str(error).lower():
        return "too_large"  # DOWNLOAD_MAXSIZE cancelled the download
    name = type(error).__name__.lower()
    if "timeout" in name:
        return "timeout"
    if "dns" in name or "connect" in name:
        return "connection_failed"
    return "fetch_error"


def _not_article_reason(response: Response) -> str | None:
    if not response.body.strip():
        return "empty_response"
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    if not isinstance(response, TextResponse):
        return "not_html"
    if content_type and not any(t in content_type for t in _HTML_TYPES):
        return "not_html"
    return None
