"""What every storywatch spider shares: fetch each article once, hand it to the pipelines."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from scrapy.spidermiddlewares.httperror import HttpError

from crawler.clock import crawl_now
from crawler.items import ArticleChecked, ArticleGone, ArticleItem, Listing
from crawler.middlewares.conditional import VALIDATORS_META
from pipelines.storage.database import configured_url, create_engine, describe_error
from pipelines.storage.known import KnownArticle, KnownState, load_known
from pipelines.storage.schedule import next_article_check
from pipelines.storage.stats import outlet_count
from pipelines.urls import normalize_url

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Answers that mean a known article is gone; its row is marked deleted, never removed.
GONE_STATUSES = frozenset({404, 410})
KNOWN_META = "storywatch_known"  # request.meta: the canonical URL of a known article
MAX_LISTING_TITLES = 10


class ArticleSpider(Spider):
    """Base spider: requests each discovered article once and yields an ArticleItem for it."""

    story_name: str | None = None

    def __init__(self, *args: Any, force: str | bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The listings of each article requested by this process. The same list travels in the
        # request's cb_kwargs, so a callback (in any worker, with a Redis frontier) needs no memory.
        self._listings: dict[str, list[Listing]] = {}
        self._not_due: set[str] = set()
        # -a force=1: read every listing now, whatever its schedule says.
        self.force = force is True or str(force).lower() in ("1", "true", "yes")
        self.known = KnownState()

    def now(self) -> datetime:
        """The crawl's clock (STORYWATCH_NOW pins it for tests and replays)."""
        return crawl_now(self.settings)

    async def load_known(self) -> None:
        """Read what the store knows about the story once, off the reactor thread."""
        if self.story_name is None:
            return
        url = configured_url(self.settings)
        try:
            self.known = await asyncio.to_thread(_load_known, url, self.story_name)
        except Exception as exc:  # the store pipeline reports an unusable database itself
            logger.warning(
                "Could not read what is already stored, fetching everything: %(error)s",
                {"error": describe_error(exc)},
            )
            return
        logger.info(
            "Known for story %(story)s: %(articles)d article URLs, %(listings)d listings",
            {
                "story": self.story_name,
                "articles": len(self.known.articles),
                "listings": len(self.known.listings),
            },
        )

    def due_rechecks(self) -> Iterator[Request]:
        """Requests for the known articles whose re-check is due, listed this run or not."""
        now = self.now()
        seen: set[str] = set()
        for known in self.known.articles.values():
            if known.canonical_url in seen or known.deleted_at is not None:
                continue
            seen.add(known.canonical_url)
            if known.next_check_at is not None and known.next_check_at <= now:
                listing = Listing(known.discovered_via, known.canonical_url)
                request = self.request_article(known.canonical_url, listing)
                if request is not None:
                    yield request

    @property
    def stats(self) -> StatsCollector:
        """The crawl's stats collector (available once the spider is open)."""
        stats = self.crawler.stats
        assert stats is not None
        return stats

    def outlet_for(self, url: str, listings: list[Listing] | None = None) -> str:
        """The outlet name to record for an article URL (its listings may name it)."""
        return urlsplit(url).hostname or url

    def request_article(self, url: str, listing: Listing) -> Request | None:
        """A request for a newly discovered article, or None when it is already on its way."""
        listing.link = listing.link or url
        url = normalize_url(url)
        if urlsplit(url).scheme not in ("http", "https"):
            self.stats.inc_value("storywatch/discovery/bad_url")
            return None
        requested = self._listings.get(url)
        if requested is not None:
            requested.append(listing)
            self.stats.inc_value("storywatch/discovery/seen_again")
            return None
        known = self.known.articles.get(url)
        reason = None if known is None else self._recheck_reason(known, listing)
        if known is not None and reason is None:
            if url not in self._not_due:
                self._not_due.add(url)
                self.stats.inc_value("storywatch/discovered")
                self.stats.inc_value("storywatch/articles/not_due")
            return None
        listings = self._listings[url] = [listing]
        if url not in self._not_due:
            self.stats.inc_value("storywatch/discovered")
            self.stats.inc_value(f"storywatch/discovered/{listing.via}")
        meta: dict[str, Any] = {}
        if known is not None:
            self.stats.inc_value(f"storywatch/articles/recheck/{reason}")
            meta[KNOWN_META] = known.canonical_url
            meta[VALIDATORS_META] = (known.etag, known.last_modified)
            meta["handle_httpstatus_list"] = [304]
        return Request(
            url,
            callback=self.parse_article,
            errback=self.article_failed,
            cb_kwargs={"article_url": url, "listings": listings, "known": known},
            meta=meta,
        )

    def _recheck_reason(self, known: KnownArticle, listing: Listing) -> str | None:
        """Why a known article should be fetched again now, or None to leave it be."""
        titles = known.listing_titles
        if listing.title and titles and listing.title not in titles:
            return "new_title"
        if listing.modified_at is not None and listing.modified_at > known.checked_at:
            return "modified"
        if known.deleted_at is not None:
            return None
        if known.next_check_at is not None and known.next_check_at <= self.now():
            return "due"
        return None

    def parse_article(
        self,
        response: Response,
        article_url: str,
        listings: list[Listing] | None = None,
        known: KnownArticle | None = None,
    ) -> Iterator[ArticleItem | ArticleChecked | ArticleGone]:
        """Hand an HTML article response to the pipelines; count and skip anything else."""
        listings = listings or []
        if KNOWN_META not in response.meta:
            known = None
        if known is not None and response.status == 304:
            self.stats.inc_value("storywatch/articles/not_modified")
            now = self.now()
            yield ArticleChecked(
                known.canonical_url, known.outlet, now, next_article_check(known.published_at, now)
            )
            return
        if _redirected_home(response, article_url):
            if known is not None:
                yield ArticleGone(known.canonical_url, known.outlet, response.status, self.now())
                return
            self.stats.inc_value("storywatch/dropped/redirect_home")
            return
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
        titles = list(known.listing_titles) if known is not None else []
        titles += [
            t for t in dict.fromkeys(x.title for x in listings if x.title) if t not in titles
        ]
        yield ArticleItem(
            url=article_url,
            final_url=response.url,
            outlet=self.outlet_for(article_url, listings),
            host=host,
            http_status=response.status,
            fetched_at=self.now(),
            discovered_via=listings[0].via if listings else "unknown",
            listings=list(listings),
            story=self.story_name,
            html=response.text,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            listing_titles=titles[-MAX_LISTING_TITLES:],
        )

    def article_failed(self, failure: Failure) -> Iterator[ArticleGone]:
        """Mark a known article that is gone; count and log any other failed fetch."""
        request = failure.request  # type: ignore[attr-defined]
        reason = failure_reason(failure)
        known = request.cb_kwargs.get("known")
        status = getattr(getattr(failure.value, "response", None), "status", None)
        if known is not None and KNOWN_META in request.meta and status in GONE_STATUSES:
            yield ArticleGone(known.canonical_url, known.outlet, status, self.now())
            return
        self.stats.inc_value(f"storywatch/dropped/{reason}")
        if reason != "robots_forbidden":
            outlet = self.outlet_for(
                request.cb_kwargs.get("article_url", request.url), request.cb_kwargs.get("listings")
            )
            self.stats.inc_value(outlet_count(outlet, "failed"))
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


def _load_known(database_url: str, story: str) -> KnownState:
    engine = create_engine(database_url)
    try:
        return load_known(engine, story)
    finally:
        engine.dispose()


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _redirected_home(response: Response, article_url: str) -> bool:
    # A site that sends a removed article's readers to its front page has deleted it.
    if not response.meta.get("redirect_urls"):
        return False
    return urlsplit(response.url).path in ("", "/") and urlsplit(article_url).path not in ("", "/")


def _not_article_reason(response: Response) -> str | None:
    if not response.body.strip():
        return "empty_response"
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1").lower()
    if not isinstance(response, TextResponse):
        return "not_html"
    if content_type and not any(t in content_type for t in _HTML_TYPES):
        return "not_html"
    return None
