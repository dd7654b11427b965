"""The extraction job run inside a worker process: page HTML in, text and metadata out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import trafilatura
from lxml import etree
from trafilatura.meta import reset_caches

from pipelines.extraction.choose import (
    missing_updates,
    not_an_article,
    prefer_declared_body,
    too_little,
)
from pipelines.extraction.dates import parse_date
from pipelines.extraction.metadata import PageMetadata, read_metadata
from pipelines.extraction.prune import prune_furniture

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# trafilatura's time grows faster than linearly with the element count (justext's neighbour
# search, its own pruning): 20,000 elements take about 4 s, 300,000 over a minute. Real article
# pages hold a few thousand (2,551 at most in the development set). trafilatura's max_tree_size
# only bounds the output tree, after the time is spent, so the page's size is checked up front.
MAX_ELEMENTS = 30_000
# What tree.iter() walks (elements, comments, processing instructions), counted in C.
_COUNT_NODES = etree.XPath(
    "count(descendant-or-self::*|descendant::comment()|descendant::processing-instruction())"
)


@dataclass
class PageExtraction:
    """What one page yielded; sent back from the worker as a plain dict."""

    text: str | None
    text_source: str | None  # "trafilatura", "trafilatura_unpruned" or "jsonld"
    metadata: PageMetadata
    page_date: str | None = None  # trafilatura/htmldate's date, a day at best
    no_article_reason: str | None = None
    warnings: list[str] = field(default_factory=list)


def extract_page(html: str, url: str | None = None) -> dict[str, Any]:
    """Extract article text and metadata from one HTML page (runs in a worker process)."""
    if not html or not html.strip():
        return asdict(_none("empty page"))
    # lxml without huge_tree refuses trees nested deeper than libxml2's limit (256 levels) and
    # text nodes over 10 MB, so a page built to exhaust the parser comes back as None here.
    tree = trafilatura.load_html(html)
    if tree is None:
        return asdict(_none("not parseable as HTML"))
    if (size := min(int(_COUNT_NODES(tree)), MAX_ELEMENTS + 1)) > MAX_ELEMENTS:
        return asdict(_none(f"page too large to extract (over {size - 1} elements)"))
    metadata = read_metadata(tree)
    extraction = PageExtraction(text=None, text_source="trafilatura", metadata=metadata)
    # trafilatura's metadata pass (htmldate) is slow; it only adds what the page's own
    # JSON-LD and meta tags left out. It reads the tree before pruning removes bylines.
    if parse_date(metadata.published) is None or not metadata.authors:
        _add_page_metadata(extraction, tree, url)
    metadata.site_name = metadata.site_name or metadata.publisher
    prune_furniture(tree)
    extraction.text = _trafilatura(tree, url, fast=True)
    if too_little(extraction.text):
        # Pruning may have taken too much on a layout nobody foresaw, or the main extractor
        # missed the article: read the page as served, with trafilatura's safety nets on.
        unpruned = trafilatura.load_html(html)
        retry = _trafilatura(unpruned, url, fast=False) if unpruned is not None else None
        if not too_little(retry) or len(retry or "") > len(extraction.text or ""):
            extraction.text, extraction.text_source = retry, "trafilatura_unpruned"
            extraction.warnings.append("pruned page gave too little; extracted it unpruned")
    if prefer_declared_body(extraction.text, metadata.article_body):
        extraction.text, extraction.text_source = metadata.article_body, "jsonld"
        extraction.warnings.append("extraction missed most of JSON-LD articleBody; used it")
    if missing := missing_updates(extraction.text, metadata.live_updates):
        # A live blog whose updates sit outside the block extraction chose (often a tab or a
        # second <article>): the updates the page declares complete the text, in their order.
        extraction.text = "\n\n".join(filter(None, [extraction.text, *missing]))
        extraction.warnings.append(f"added {len(missing)} live-blog updates extraction missed")
    # Both served only to choose the text: the crawl process need not unpickle them again.
    metadata.article_body, metadata.live_updates = None, []
    if (reason := not_an_article(extraction.text)) is not None:
        extraction.text, extraction.text_source = None, None
        extraction.no_article_reason = reason
    return asdict(extraction)


def recycle_caches() -> None:
    """Drop trafilatura's module-level caches (they grow with every page)."""
    reset_caches()


def _trafilatura(tree: HtmlElement, url: str | None, *, fast: bool) -> str | None:
    # fast=True skips trafilatura's comparison with readability and justext, a third of its
    # time. After pruning that comparison changed no page of the annotated development set
    # (its F1 rose 0.9725 -> 0.9730 without it); it is kept for the retry of a page whose text
    # came out too short, the case where another algorithm's reading is most likely to help.
    text: str | None = trafilatura.extract(
        tree,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        output_format="txt",
    )
    return text


def _add_page_metadata(extraction: PageExtraction, tree: HtmlElement, url: str | None) -> None:
    found = trafilatura.extract_metadata(tree, default_url=url)
    if found is None:
        return
    metadata = extraction.metadata
    extraction.page_date = found.date
    metadata.title = metadata.title or found.title
    metadata.site_name = metadata.site_name or found.sitename
    if not metadata.authors and found.author:
        metadata.authors = [a.strip() for a in found.author.split(";") if a.strip()]


def _none(reason: str) -> PageExtraction:
    return PageExtraction(
        text=None, text_source=None, metadata=PageMetadata(), no_article_reason=reason
    )
