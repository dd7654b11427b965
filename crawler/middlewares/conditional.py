"""Conditional requests: send back the validators a listing or article answered with last time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

# request.meta key: (ETag, Last-Modified) from the last answer, either may be None.
VALIDATORS_META = "storywatch_validators"


class ConditionalRequestMiddleware:
    """Add If-None-Match / If-Modified-Since from ``request.meta["storywatch_validators"]``."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Build the middleware (it has no settings)."""
        return cls()

    def process_request(self, request: Request) -> None:
        """Make the request conditional when the spider knows the resource's validators."""
        etag, last_modified = request.meta.get(VALIDATORS_META) or (None, None)
        if etag:
            request.headers.setdefault(b"If-None-Match", etag)
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since", last_modified)
