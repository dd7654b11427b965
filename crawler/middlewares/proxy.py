"""Send every request through one HTTP proxy (how crawls reach the fixture web's *.test hosts)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler


class FixedProxyMiddleware:
    """Set ``request.meta["proxy"]`` from STORYWATCH_PROXY; off when the setting is empty."""

    def __init__(self, proxy: str) -> None:
        self.proxy = proxy

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        """Read STORYWATCH_PROXY once."""
        proxy = crawler.settings.get("STORYWATCH_PROXY")
        if not proxy:
            raise NotConfigured
        return cls(proxy)

    def process_request(self, request: Request) -> None:
        """Route the request through the proxy unless it already names one."""
        request.meta.setdefault("proxy", self.proxy)
