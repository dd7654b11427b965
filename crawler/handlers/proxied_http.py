"""HTTP download handler that keeps enough connections open to the proxy all requests share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class ProxiedHTTPDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler, keeping up to CONCURRENT_REQUESTS connections to the proxy.

    Scrapy keeps at most CONCURRENT_REQUESTS_PER_DOMAIN idle connections per destination, and
    behind STORYWATCH_PROXY every site's requests share one destination: the proxy. All other
    requests then open a new connection and close it after one page, which costs the crawler and
    the proxy a connection set-up per page. Without STORYWATCH_PROXY nothing changes.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        if settings.get("STORYWATCH_PROXY"):
            self._pool.maxPersistentPerHost = max(
                self._pool.maxPersistentPerHost, settings.getint("CONCURRENT_REQUESTS")
            )
