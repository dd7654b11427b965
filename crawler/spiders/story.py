"""The story spider: find a story's coverage in its sources' feeds, sitemaps and section pages."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from scrapy import Request, signals

from crawler.discovery.feeds import FeedError, parse_feed
from crawler.discovery.sections import article_links
from crawler.discovery.sitemaps import SitemapError, entry_date, parse_sitemap
from crawler.items import Listing, ListingChecked
from crawler.spiders.base import ArticleSpider, failure_reason
from crawler.spiders.listing_state import LISTING_META, ListingAnswer, ListingTracker, listing_url
from crawler.story import Story, load_story
from pipelines.extraction.dates import parse_date
from pipelines.storage.schedule import LISTING_MAX_INTERVAL, LISTING_MIN_INTERVAL
from pipelines.storage.stats import outlet_count
from pipelines.urls import normalize_url

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from datetime import datetime

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)


class StorySpider(ArticleSpider):
    """Crawl one story file: ``scrapy crawl story -a story=seeds/NAME.toml``."""

    name = "story"

    def __init__(self, story: str | Story | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if story is None:
            raise ValueError("the story spider needs a story file: -a story=seeds/NAME.toml")
        self.story = story if isinstance(story, Story) else load_story(story)
        self.story_name = self.story.name
        self._listings_requested: set[str] = set()
        self.tracker: ListingTracker | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        """Create the spider and listen for parsed robots.txt files (their Sitemap: lines)."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        return spider

    def outlet_for(self, url: str, listings: list[Listing] | None = None) -> str:
        """The outlet the story file names for the article's host."""
        # An article may live on another host than the listing that named it (feeds.x, www.x).
        for candidate in (url, *(listing.source_url for listing in listings or ())):
            source = self.story.source_for_host(urlsplit(candidate).hostname or "")
            if source is not None:
                return source.outlet
        return super().outlet_for(url, listings)

    async def start(self) -> AsyncIterator[Request]:
        """Request the story's listings that are due, and the known articles due a re-check."""
        await self.load_known()
        bounds = (
            timedelta(seconds=self.settings.getfloat("STORYWATCH_LISTING_MIN_INTERVAL", 0))
            or LISTING_MIN_INTERVAL,
            timedelta(seconds=self.settings.getfloat("STORYWATCH_LISTING_MAX_INTERVAL", 0))
            or LISTING_MAX_INTERVAL,
        )
        revalidate = timedelta(
            seconds=self.settings.getfloat("STORYWATCH_LISTING_REVALIDATE", 6 * 3600)
        )
        self.tracker = ListingTracker(
            self.story.name, self.known.listings, self.now, bounds, revalidate
        )
        for recheck in self.due_rechecks():
            yield recheck
        callbacks = {
            "feed": self.parse_feed,
            "sitemap": self.parse_sitemap,
            "section": self.parse_section,
        }
        # Listings found through others last time (index children, robots.txt sitemaps) are
        # read on their own schedule, even when what named them has not changed.
        for url, known in self.known.listings.items():
            again = self._listing_request(url, callbacks.get(known.kind, self.parse_sitemap))
            if again is not None:
                yield again
        read_robots_here = not self.settings.getbool("ROBOTSTXT_OBEY")
        for source in self.story.sources:
            wanted = [
                *((url, self.parse_feed) for url in source.feeds),
                *((url, self.parse_sitemap) for url in source.sitemaps),
                *((url, self.parse_section) for url in source.sections),
            ]
            if source.robots and read_robots_here:
                # With ROBOTSTXT_OBEY, Scrapy fetches robots.txt itself and robots_parsed fires.
                urls = source.feeds + source.sitemaps + source.sections
                wanted += [(url, self.parse_robots) for url in _robots_urls(urls)]
            for url, callback in wanted:
                request = self._listing_request(url, callback)
                if request is not None:
                    yield request

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        """Follow the Sitemap: lines of a source's robots.txt."""
        source = self.story.source_for_host(urlsplit(request.url).hostname or "")
        if source is None or not source.robots:
            return
        parser = getattr(robotparser, "rp", None)
        for url in list(getattr(parser, "sitemaps", None) or []):
            sitemap_request = self._listing_request(url, self.parse_sitemap)
            if sitemap_request is not None:
                self.stats.inc_value("storywatch/discovery/robots_sitemaps")
                assert self.crawler.engine is not None
                self.crawler.engine.crawl(sitemap_request)

    def parse_robots(self, response: Response) -> Iterator[Request]:
        """Read Sitemap: lines from a robots.txt fetched by hand (when robots.txt is not obeyed)."""
        for line in response.text.splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "sitemap" and value.strip():
                request = self._listing_request(value.strip(), self.parse_sitemap)
                if request is not None:
                    yield request

    def parse_feed(self, response: Response) -> Iterator[Request | ListingChecked]:
        """Request the articles an RSS or Atom feed lists."""
        answer = self._listing_answer(response)
        if not answer.modified:
            yield self._listing_checked(response, answer)
            return
        try:
            content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
            feed = parse_feed(response.body, content_type)
        except FeedError as exc:
            self._listing_unusable(response, "feed", str(exc))
            yield self._listing_checked(response, answer)
            return
        if feed.malformed:
            self.stats.inc_value("storywatch/discovery/feed_repaired")
            logger.warning(
                "Feed %(url)s is not well-formed XML; read %(n)d entries from what parsed",
                {"url": response.url, "n": len(feed.entries)},
            )
        counts = [0, 0]
        for entry in feed.entries:
            listing = Listing("feed", response.url, entry.title, entry.published_at)
            listing.modified_at = entry.updated_at
            yield from self._article(entry.link, listing, counts=counts)
        yield self._listing_checked(response, answer, *counts)

    def parse_sitemap(self, response: Response) -> Iterator[Request | ListingChecked]:
        """Follow a sitemap index, or request the articles a (news) sitemap lists."""
        answer = self._listing_answer(response)
        if not answer.modified:
            yield self._listing_checked(response, answer)
            return
        try:
            sitemap = parse_sitemap(response.body)
        except SitemapError as exc:
            self._listing_unusable(response, "sitemap", str(exc))
            yield self._listing_checked(response, answer)
            return
        counts = [0, 0]
        for entry in sitemap.entries:
            dated = entry_date(entry)
            if sitemap.is_index:
                if dated is None or self.story.in_discovery_range(dated[0]):
                    request = self._listing_request(response.urljoin(entry.loc), self.parse_sitemap)
                    if request is not None:
                        yield request
                continue
            # Only news:publication_date is a publication date; lastmod is a modification time.
            published = parse_date(entry.news_published)
            exact = published[0] if published and published[1] == "time" else None
            listing = Listing("sitemap", response.url, entry.news_title, exact)
            modified = parse_date(entry.lastmod)
            listing.modified_at = modified[0] if modified and modified[1] == "time" else None
            yield from self._article(
                response.urljoin(entry.loc), listing, dated[0] if dated else None, counts
            )
        yield self._listing_checked(response, answer, *counts)

    def parse_section(self, response: Response) -> Iterator[Request | ListingChecked]:
        """Request the article links of a section page."""
        answer = self._listing_answer(response)
        if not answer.modified:
            yield self._listing_checked(response, answer)
            return
        counts = [0, 0]
        for url in article_links(response):  # type: ignore[arg-type]
            yield from self._article(url, Listing("section", response.url), counts=counts)
        yield self._listing_checked(response, answer, *counts)

    def _article(
        self,
        url: str,
        listing: Listing,
        dated: datetime | None = None,
        counts: list[int] | None = None,
    ) -> Iterator[Request]:
        when = dated if dated is not None else listing.published_at
        if not self.story.in_discovery_range(when):
            self.stats.inc_value("storywatch/discovery/outside_window")
            return
        if counts is not None:
            # counts: [entries, entries the store did not know], for the listing's interval.
            counts[0] += 1
            counts[1] += normalize_url(url) not in self.known.articles
        request = self.request_article(url, listing)
        if request is not None:
            yield request

    def _listing_request(self, url: str, callback: Any) -> Request | None:
        if url in self._listings_requested:
            return None
        self._listings_requested.add(url)
        kind = _KINDS.get(getattr(callback, "__name__", ""), "sitemap")
        assert self.tracker is not None
        due = self.tracker.not_due_until(url)
        if due is not None and not self.force:
            self.stats.inc_value("storywatch/listings/not_due")
            logger.info(
                "Listing %(url)s not due until %(due)s: skipped (-a force=1 reads it now)",
                {"url": url, "due": due.isoformat(timespec="minutes")},
            )
            return None
        return Request(
            url,
            callback=callback,
            errback=self.listing_failed,
            priority=10,
            meta=self.tracker.request_meta(url, kind),
        )

    def _listing_answer(self, response: Response) -> ListingAnswer:
        assert self.tracker is not None
        answer = self.tracker.judge(response)
        outlet = self._outlet_of_listing(listing_url(response))
        if outlet is not None:
            self.stats.inc_value(outlet_count(outlet, "listings_ok"))
        if not answer.modified:
            self.stats.inc_value("storywatch/listings/not_modified")
            if outlet is not None:
                self.stats.inc_value(outlet_count(outlet, "not_modified"))
        return answer

    def _listing_checked(
        self, response: Response, answer: ListingAnswer, entries: int = 0, new_entries: int = 0
    ) -> ListingChecked:
        assert self.tracker is not None
        outlet = self._outlet_of_listing(listing_url(response))
        if outlet is not None and entries:
            self.stats.inc_value(outlet_count(outlet, "entries"), entries)
        return self.tracker.checked(response, answer, outlet, entries, new_entries)

    def _outlet_of_listing(self, url: str) -> str | None:
        source = self.story.source_for_host(urlsplit(url).hostname or "")
        return source.outlet if source is not None else None

    def listing_failed(self, failure: Failure) -> Iterator[ListingChecked]:
        """Count and log a feed, sitemap or section page that could not be fetched."""
        request = failure.request  # type: ignore[attr-defined]
        reason = failure_reason(failure)
        self.stats.inc_value(f"storywatch/listing_failed/{reason}")
        logger.warning(
            "Listing %(url)s not fetched: %(reason)s", {"url": request.url, "reason": reason}
        )
        outlet = self._outlet_of_listing(request.url)
        if outlet is not None:
            self.stats.inc_value(outlet_count(outlet, "listings_failed"))
            if reason in ("http_403", "http_429"):
                self.stats.inc_value(outlet_count(outlet, "blocked"))
        if self.tracker is not None and LISTING_META in request.meta:
            response = getattr(failure.value, "response", None)
            kind = str(request.meta[LISTING_META])
            yield self.tracker.failed(request.url, kind, outlet, response)

    def _listing_unusable(self, response: Response, kind: str, problem: str) -> None:
        self.stats.inc_value(f"storywatch/listing_failed/{kind}_invalid")
        logger.warning(
            "%(kind)s %(url)s unusable: %(problem)s",
            {"kind": kind.capitalize(), "url": response.url, "problem": problem},
        )


_KINDS = {
    "parse_feed": "feed",
    "parse_sitemap": "sitemap",
    "parse_section": "section",
    "parse_robots": "robots",  # read for its Sitemap: lines; no state is kept for it
}


def _robots_urls(urls: tuple[str, ...]) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        parts = urlsplit(url)
        seen.setdefault(f"{parts.scheme}://{parts.netloc}/robots.txt")
    return list(seen)
