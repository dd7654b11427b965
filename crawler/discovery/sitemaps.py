"""Sitemaps and Google News sitemaps, parsed with lxml so the news: fields survive."""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO

from lxml import etree

from pipelines.extraction.dates import parse_date

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps.org limit, uncompressed

_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


class SitemapError(ValueError):
    """A sitemap that cannot be read: not XML, hostile, too large or of an unknown kind."""


@dataclass(frozen=True)
class SitemapEntry:
    """One <url> of a urlset, or one <sitemap> of an index."""

    loc: str
    lastmod: str | None = None
    news_title: str | None = None
    news_published: str | None = None
    news_publication: str | None = None
    news_language: str | None = None

    @property
    def published(self) -> str | None:
        """The best publication date the entry gives (news date first, then lastmod)."""
        return self.news_published or self.lastmod


@dataclass(frozen=True)
class Sitemap:
    """A parsed sitemap: either an index of sitemaps or a set of page URLs."""

    is_index: bool
    entries: list[SitemapEntry]


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD or network fetches: sitemaps come from strangers.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )


def decompress(body: bytes, limit: int = MAX_SITEMAP_BYTES) -> bytes:
    """Gunzip a .xml.gz sitemap body, refusing to inflate past ``limit`` bytes."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    out = BytesIO()
    try:
        with gzip.GzipFile(fileobj=BytesIO(body)) as stream:
            while chunk := stream.read(64 * 1024):
                out.write(chunk)
                if out.tell() > limit:
                    raise SitemapError(f"sitemap inflates past {limit} bytes")
    except (OSError, EOFError, zlib.error) as exc:
        raise SitemapError(f"broken gzip: {exc}") from None
    return out.getvalue()


def parse_sitemap(body: bytes) -> Sitemap:
    """Parse a urlset or sitemapindex; raise SitemapError with a reason a person can act on."""
    body = decompress(body)
    if len(body) > MAX_SITEMAP_BYTES:
        raise SitemapError(f"sitemap is {len(body)} bytes, over the {MAX_SITEMAP_BYTES} limit")
    if b"<!ENTITY" in body[:4096]:
        raise SitemapError("sitemap declares XML entities (refused: entity expansion attack)")
    try:
        root = etree.fromstring(body, parser=_parser())
    except etree.XMLSyntaxError as exc:
        raise SitemapError(f"not valid XML: {exc}") from None
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap (root element <{kind}>)")
    child = "sitemap" if kind == "sitemapindex" else "url"
    entries = [entry for el in root if _local(el) == child if (entry := _entry(el)) is not None]
    return Sitemap(is_index=kind == "sitemapindex", entries=entries)


def entry_date(entry: SitemapEntry) -> tuple[datetime, str] | None:
    """The entry's publication date as (aware UTC datetime, precision), if it has one."""
    return parse_date(entry.published)


def _entry(el: etree._Element) -> SitemapEntry | None:
    fields: dict[str, str | None] = {}
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        text = (node.text or "").strip() or None
        tag = node.tag
        if tag.startswith(_NEWS):
            name = tag[len(_NEWS) :]
            if name == "title":
                fields["news_title"] = text
            elif name == "publication_date":
                fields["news_published"] = text
            elif name == "name":
                fields["news_publication"] = text
            elif name == "language":
                fields["news_language"] = text
        elif _local(node) in ("loc", "lastmod") and node.getparent() is el:
            fields[_local(node)] = text
    loc = fields.pop("loc", None)
    return SitemapEntry(loc=loc, **fields) if loc else None


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""
