"""The urls spider: fetch and store an ad hoc list of article URLs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.items import Listing
from crawler.spiders.base import ArticleSpider

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from scrapy import Request

logger = logging.getLogger(__name__)


def read_url_list(value: str) -> list[str]:
    """URLs from a file (one per line, # comments) or from a comma-separated list."""
    path = Path(value)
    if "," not in value and "://" not in value and path.is_file():
        lines = path.read_text(encoding="utf-8").splitlines()
    else:
        lines = value.split(",")
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


class UrlsSpider(ArticleSpider):
    """Fetch given URLs: ``scrapy crawl urls -a urls=FILE_OR_COMMA_SEPARATED_LIST``."""

    name = "urls"

    def __init__(self, urls: str | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not urls:
            raise ValueError("the urls spider needs -a urls=FILE_OR_COMMA_SEPARATED_LIST")
        self.url_list = read_url_list(urls)
        self.source = urls if Path(urls).is_file() else "command line"

    async def start(self) -> AsyncIterator[Request]:
        """Request each URL once."""
        for url in self.url_list:
            request = self.request_article(url, Listing("urls", self.source))
            if request is None:
                logger.warning("Skipped %(url)s: not an http(s) URL or listed twice", {"url": url})
                continue
            yield request
