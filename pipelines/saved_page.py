"""A saved page through the crawl's extraction and cleaning: shared by ``scrapy extract`` and bench.

The crawl runs the same steps in its extraction workers (``pipelines/page_job.py``):
``extract_page``, ``apply_extraction``, ``clean_item``, then the relevance judge.
"""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from crawler.items import ArticleItem
from pipelines.cleaning.apply import clean_item
from pipelines.extraction.apply import apply_extraction

if TYPE_CHECKING:
    from pathlib import Path

# Largest saved page read; matches the crawl's DOWNLOAD_MAXSIZE default.
MAX_PAGE_BYTES = 10 * 1024 * 1024


class UnreadablePage(Exception):
    """A saved page that cannot be read or is too large."""


def read_saved_page(path: Path) -> str:
    """The HTML of a saved page, plain or gzip-compressed, decoded as UTF-8."""
    try:
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            with gzip.open(path) as stream:
                data = stream.read(MAX_PAGE_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise UnreadablePage(f"cannot read: {exc}") from None
    if len(data) > MAX_PAGE_BYTES:
        raise UnreadablePage(f"larger than {MAX_PAGE_BYTES} bytes")
    return data.decode("utf-8", errors="replace")


def saved_page_item(html: str, url: str) -> ArticleItem:
    """An article item as the spider would have built it for a page fetched from ``url``."""
    host = urlsplit(url).hostname or ""
    return ArticleItem(
        url=url,
        final_url=url,
        outlet=host,
        host=host,
        http_status=200,
        fetched_at=datetime.now(UTC),
        discovered_via="file",
        html=html,
    )


def finish_article(item: ArticleItem, result: dict[str, Any]) -> str | None:
    """Apply extract_page's result and clean the item; the reason when no article is left."""
    if result["no_article_reason"]:
        return f"no article: {result['no_article_reason']}"
    apply_extraction(item, result)
    if not clean_item(item).text:
        return "no text left after cleaning"
    return None
