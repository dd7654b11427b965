"""The extractors compared: storywatch's own code path and plain trafilatura, two settings."""

from __future__ import annotations

from collections.abc import Callable

import trafilatura

from pipelines.extraction.worker import extract_page
from pipelines.saved_page import finish_article, saved_page_item

Extractor = Callable[[str, str], str | None]


def storywatch(html: str, url: str) -> str | None:
    """The crawl's text: extract_page, apply_extraction and clean_item, as ``scrapy extract``."""
    item = saved_page_item(html, url)
    if finish_article(item, extract_page(html, url)) is not None:
        return None
    return item.text


def trafilatura_default(html: str, url: str) -> str | None:
    """trafilatura.extract with its defaults."""
    text: str | None = trafilatura.extract(html, url=url)
    return text


def trafilatura_precision(html: str, url: str) -> str | None:
    """trafilatura.extract with favor_precision."""
    text: str | None = trafilatura.extract(html, url=url, favor_precision=True)
    return text


EXTRACTORS: dict[str, Extractor] = {
    "storywatch": storywatch,
    "trafilatura": trafilatura_default,
    "trafilatura_precision": trafilatura_precision,
}
