"""Section pages: the links on an outlet's section page that look like articles."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import courlan
from scrapy.linkextractors import LinkExtractor

from pipelines.urls import normalize_url, site_of

if TYPE_CHECKING:
    from scrapy.http import TextResponse

# An article slug: several hyphen-joined words, or a numeric id, or a date in the path.
_ARTICLE_PATH = re.compile(
    r"(?:/[^/]*-[^/]*-[^/]*-[^/]*/?$)|(?:/\d{5,}(?:[/.]|$))|(?:/(?:19|20)\d{2}/\d{1,2}/)|\.html?$"
)
_EXTRACTOR = LinkExtractor(deny_extensions=None, unique=True, canonicalize=False)


def article_links(response: TextResponse) -> list[str]:
    """Normalised same-site links from a section page that look like article URLs."""
    page = normalize_url(response.url)
    site = site_of(response.url)
    found: list[str] = []
    for link in _EXTRACTOR.extract_links(response):
        url = normalize_url(link.url)
        if url == page or site_of(url) != site or url in found:
            continue
        if looks_like_article(url):
            found.append(url)
    return found


def looks_like_article(url: str) -> bool:
    """Whether a URL's shape is an article's rather than a tag, category, login or asset page."""
    if courlan.is_navigation_page(url) or courlan.is_not_crawlable(url):
        return False
    path = urlsplit(url).path
    return bool(_ARTICLE_PATH.search(path))
