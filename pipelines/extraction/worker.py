"""The extraction job run inside a worker process: page HTML in, text and metadata out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import trafilatura
from trafilatura.meta import reset_caches

from pipelines.extraction.metadata import PageMetadata, read_metadata

# trafilatura output shorter than this is treated as "too little" and JSON-LD articleBody,
# when longer, is used instead.
MIN_TEXT_CHARS = 200


@dataclass
class PageExtraction:
    """What one page yielded; sent back from the worker as a plain dict."""

    text: str | None
    text_source: str | None  # "trafilatura" or "jsonld"
    metadata: PageMetadata
    page_date: str | None = None  # trafilatura/htmldate's date, a day at best
    no_article_reason: str | None = None
    warnings: list[str] = field(default_factory=list)


def extract_page(html: str, url: str | None = None) -> dict[str, Any]:
    """Extract article text and metadata from one HTML page (runs in a worker process)."""
    if not html or not html.strip():
        return asdict(_none("empty page"))
    tree = trafilatura.load_html(html)
    if tree is None:
        return asdict(_none("not parseable as HTML"))
    metadata = read_metadata(tree)
    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
        output_format="txt",
    )
    extraction = PageExtraction(text=text, text_source="trafilatura", metadata=metadata)
    body = metadata.article_body
    if (
        body
        and len(body) > max(len(text or ""), MIN_TEXT_CHARS - 1)
        and len(text or "") < MIN_TEXT_CHARS
    ):
        extraction.text, extraction.text_source = body, "jsonld"
        extraction.warnings.append("trafilatura found too little; used JSON-LD articleBody")
    if not extraction.text or not extraction.text.strip():
        extraction.text_source = None
        extraction.no_article_reason = "no article text found"
    found = trafilatura.extract_metadata(tree, default_url=url)
    if found is not None:
        extraction.page_date = found.date
        metadata.title = metadata.title or found.title
        metadata.site_name = metadata.site_name or found.sitename
        if not metadata.authors and found.author:
            metadata.authors = [a.strip() for a in found.author.split(";") if a.strip()]
    return asdict(extraction)


def recycle_caches() -> None:
    """Drop trafilatura's module-level caches (they grow with every page)."""
    reset_caches()


def _none(reason: str) -> PageExtraction:
    return PageExtraction(
        text=None, text_source=None, metadata=PageMetadata(), no_article_reason=reason
    )
