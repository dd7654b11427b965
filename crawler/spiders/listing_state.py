"""Per-listing state for one crawl: is it due, was it modified, and when to read it next."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from crawler.items import ListingChecked
from crawler.middlewares.conditional import VALIDATORS_META
from pipelines.storage.schedule import next_listing_interval, retry_after

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from scrapy.http import Response

    from pipelines.storage.known import KnownListing

logger = logging.getLogger(__name__)

LISTING_META = "storywatch_listing"  # request.meta: feed, sitemap or section
# request.meta: put back by the frontier after the worker reading it died. That worker may have
# stored the listing's state before it queued every entry, so the listing is read in full.
RECOVERED_META = "storywatch_recovered"


@dataclass(frozen=True)
class ListingAnswer:
    """A listing response as the tracker judged it."""

    modified: bool
    body_hash: str | None


class ListingTracker:
    """Decide which listings are due, make their requests conditional, record what they gave."""

    def __init__(
        self,
        story: str,
        known: dict[str, KnownListing],
        now: Callable[[], datetime],
        bounds: tuple[timedelta, timedelta],
        revalidate: timedelta = timedelta(hours=6),
    ) -> None:
        self.story = story
        self.known = known
        self.now = now
        self.bounds = bounds
        self.revalidate = revalidate

    def not_due_until(self, url: str) -> datetime | None:
        """When a listing that is not due yet will be; None when it is due now."""
        known = self.known.get(url)
        if known is None or known.next_due_at <= self.now():
            return None
        return known.next_due_at

    def request_meta(self, url: str, kind: str) -> dict[str, object]:
        """Meta for a listing request: its kind, its validators, and 304 let through."""
        meta: dict[str, object] = {LISTING_META: kind, "handle_httpstatus_list": [304]}
        known = self.known.get(url)
        if known is not None and not known.validators_stale and self._body_is_recent(known):
            meta[VALIDATORS_META] = (known.etag, known.last_modified)
        return meta

    def _body_is_recent(self, known: KnownListing) -> bool:
        # Some servers answer 304 after a change; a full answer now and then is the only way to
        # see it, so validators are trusted only this long after the last one.
        fetched = known.body_fetched_at
        return fetched is not None and self.now() - fetched < self.revalidate

    def judge(self, response: Response) -> ListingAnswer:
        """Whether the listing changed since last time: a 304, or the same body, means not."""
        if response.status == 304:
            return ListingAnswer(modified=False, body_hash=None)
        body_hash = hashlib.sha256(response.body).hexdigest()
        if response.meta.get(RECOVERED_META):
            return ListingAnswer(modified=True, body_hash=body_hash)
        known = self.known.get(listing_url(response))
        return ListingAnswer(
            modified=known is None or known.body_hash != body_hash, body_hash=body_hash
        )

    def checked(
        self,
        response: Response,
        answer: ListingAnswer,
        outlet: str | None,
        entries: int = 0,
        new_entries: int = 0,
    ) -> ListingChecked:
        """The state to store for a listing that answered."""
        url = listing_url(response)
        known = self.known.get(url)
        previous = timedelta(seconds=known.interval_seconds) if known else None
        interval = next_listing_interval(
            previous,
            entries=entries,
            new_entries=new_entries,
            changed=answer.modified,
            bounds=self.bounds,
        )
        etag = _header(response, b"ETag")
        last_modified = _header(response, b"Last-Modified")
        stale = known.validators_stale if known else False
        if known is not None and response.status == 200 and answer.modified:
            # Same validators on a different body: this server's validators cannot be trusted.
            same = (etag and etag == known.etag) or (
                last_modified and last_modified == known.last_modified
            )
            stale = stale or bool(same)
        now = self.now()
        return ListingChecked(
            story=self.story,
            url=url,
            kind=str(response.meta.get(LISTING_META, "feed")),
            outlet=outlet,
            etag=etag or (known.etag if known and response.status == 304 else None),
            last_modified=last_modified
            or (known.last_modified if known and response.status == 304 else None),
            body_hash=answer.body_hash or (known.body_hash if known else None),
            validators_stale=stale,
            checked_at=now,
            next_due_at=now + interval,
            interval_seconds=int(interval.total_seconds()),
            status=response.status,
            entries=entries,
            new_entries=new_entries,
            body_fetched_at=now
            if response.status == 200
            else (known.body_fetched_at if known else None),
        )

    def failed(
        self, url: str, kind: str, outlet: str | None, response: Response | None
    ) -> ListingChecked:
        """The state to store for a listing that did not answer usefully (Retry-After honoured)."""
        known = self.known.get(url)
        interval = timedelta(seconds=known.interval_seconds) if known else self.bounds[0]
        now = self.now()
        due = now + interval
        if response is not None:
            wait = retry_after(response.headers.get(b"Retry-After"), now)
            if wait is not None:
                due = max(due, now + wait)
        return ListingChecked(
            story=self.story,
            url=url,
            kind=kind,
            outlet=outlet,
            etag=known.etag if known else None,
            last_modified=known.last_modified if known else None,
            body_hash=known.body_hash if known else None,
            validators_stale=known.validators_stale if known else False,
            checked_at=now,
            next_due_at=due,
            interval_seconds=int(interval.total_seconds()),
            status=response.status if response is not None else None,
            body_fetched_at=known.body_fetched_at if known else None,
        )


def listing_url(response: Response) -> str:
    """The URL the listing was asked for, before any redirect (its key in the store)."""
    redirects = response.meta.get("redirect_urls")
    return str(redirects[0]) if redirects else response.url


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
