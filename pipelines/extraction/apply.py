"""Turn a worker's extraction result into article fields, resolving the publication date."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from pipelines.extraction.dates import date_from_url, parse_date, resolve_published
from pipelines.urls import normalize_url, site_of

if TYPE_CHECKING:
    from datetime import datetime

    from crawler.items import ArticleItem


def apply_extraction(item: ArticleItem, result: dict[str, Any]) -> None:
    """Fill the item's extracted fields from extract_page's result."""
    meta: dict[str, Any] = result["metadata"]
    item.raw_text = result["text"]
    item.title = meta["title"]
    item.authors = list(meta["authors"])
    item.description = meta["description"]
    item.section = meta["section"]
    item.tags = list(meta["tags"])
    item.language = _language(meta["language"])
    item.captions = list(meta["captions"])
    declared = meta["canonical_url"] or meta["og_url"]
    item.canonical_url = canonical_url(item.final_url, declared)
    item.cross_domain_canonical = cross_domain_canonical(item.final_url, declared)
    found = aliases(
        item.canonical_url,
        [item.url, item.final_url, meta["canonical_url"], meta["og_url"], meta.get("amp_url")],
        item.final_url,
    )
    for spelling in [item.url, *(lst.link for lst in item.listings if lst.link)]:
        found = with_listed_spelling(spelling, item.canonical_url, found)
    item.aliases = found

    candidates: dict[str, tuple[datetime, str] | None] = {
        "first_seen": (item.fetched_at, "time"),
        "url": _day(date_from_url(item.final_url) or date_from_url(item.url)),
        "page": parse_date(result["page_date"]),
    }
    if meta["published_source"]:
        candidates[meta["published_source"]] = parse_date(meta["published"])
    for listing in item.listings:
        if listing.published_at is not None and candidates.get(listing.via) is None:
            candidates[listing.via] = (listing.published_at, "time")
    published = resolve_published(candidates)
    if published is not None:
        item.published_at = published.at
        item.published_source = published.source
        item.published_precision = published.precision
    if meta["site_name"] and item.outlet in ("", item.host):
        item.outlet = meta["site_name"]  # no story file named the outlet: use the page's own name
    if not item.title:
        item.title = next((lst.title for lst in item.listings if lst.title), None)


def canonical_url(page_url: str, declared: str | None) -> str:
    """The URL an article is stored under: its declared canonical on the same site, else its own.

    A canonical pointing to another site marks a syndicated copy; keying the copy by the
    original's URL would overwrite the original, so it keeps its own address here.
    """
    if declared:
        absolute = urljoin(page_url, declared.strip())
        if urlsplit(absolute).scheme in ("http", "https") and site_of(absolute) == site_of(
            page_url
        ):
            return normalize_url(absolute)
    return normalize_url(page_url)


def cross_domain_canonical(page_url: str, declared: str | None) -> str | None:
    """The declared canonical when it names another site (the original of a syndicated copy)."""
    if not declared:
        return None
    absolute = urljoin(page_url, declared.strip())
    if urlsplit(absolute).scheme not in ("http", "https") or site_of(absolute) == site_of(page_url):
        return None
    return normalize_url(absolute)


def aliases(key: str, urls: list[str | None], page_url: str) -> list[str]:
    """Other same-site spellings of the article's address: listed, fetched, og:url and AMP URLs."""
    found: list[str] = []
    for url in urls:
        if not url:
            continue
        absolute = urljoin(page_url, url.strip())
        if urlsplit(absolute).scheme not in ("http", "https") or site_of(absolute) != site_of(key):
            continue  # a URL on another site is another article, never an alias of this one
        normalized = normalize_url(absolute)
        if normalized != key and normalized not in found:
            found.append(normalized)
    return found


def with_listed_spelling(item_url: str, key: str, found: list[str]) -> list[str]:
    """The aliases plus the URL as a listing spelled it (tracking parameters and all)."""
    raw = item_url.strip()
    return found if raw in (key, *found) else [*found, raw]


def _day(value: datetime | None) -> tuple[datetime, str] | None:
    return (value, "day") if value is not None else None


def _language(value: str | None) -> str | None:
    """Normalise "en_US" / "en-us" to "en-US"-style tags; keep the primary subtag lowercase."""
    if not value:
        return None
    parts = value.replace("_", "-").split("-")
    return "-".join([parts[0].lower(), *(p.upper() for p in parts[1:])])
