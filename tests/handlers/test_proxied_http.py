"""ProxiedHTTPDownloadHandler: as many reusable connections to the proxy as requests at once."""

from __future__ import annotations

from scrapy import Spider
from scrapy.utils.test import get_crawler

from crawler.handlers.proxied_http import ProxiedHTTPDownloadHandler
from tests.conftest import project_settings


def idle_connections_kept(**settings: object) -> int:
    crawler = get_crawler(Spider, project_settings(**settings))
    handler = ProxiedHTTPDownloadHandler.from_crawler(crawler)
    return int(handler._pool.maxPersistentPerHost)


def test_behind_a_proxy_every_request_at_once_keeps_its_connection():
    kept = idle_connections_kept(
        STORYWATCH_PROXY="http://127.0.0.1:8899",
        CONCURRENT_REQUESTS=24,
        CONCURRENT_REQUESTS_PER_DOMAIN=3,
    )
    assert kept == 24


def test_without_a_proxy_the_per_site_limit_stays():
    kept = idle_connections_kept(
        STORYWATCH_PROXY=None, CONCURRENT_REQUESTS=24, CONCURRENT_REQUESTS_PER_DOMAIN=3
    )
    assert kept == 3
