"""What the fixture web is made of: outlets, their articles, and the blocks of an article page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from types import MappingProxyType

# Listings an article can appear in; the catalogue rejects an article that names one its outlet
# does not publish, so a typo in the data file cannot hide an article from every listing.
LISTING_KINDS = frozenset({"feed", "news_sitemap", "post_sitemap", "section"})


class FixtureDataError(ValueError):
    """The fixture data files and the seed files disagree; the message says where."""


@dataclass(frozen=True)
class Link:
    """A link an article page shows: its visible title and its absolute URL."""

    title: str
    url: str


@dataclass(frozen=True)
class Block:
    """One piece of an article page, in reading order: a paragraph, a caption, a widget."""

    kind: str  # "paragraph", "title", "standfirst", "caption", "related", "tags", ...
    text: str = ""
    parts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    links: tuple[Link, ...] = ()
    line: int | None = None  # first seed line the block came from, None for decoys

    def part(self, name: str) -> str:
        """A named piece of a compound block ('' when absent)."""
        return self.parts.get(name, "")


@dataclass(frozen=True)
class Outlet:
    """A news site of the fixture web, with the theme that draws its pages and its listings."""

    key: str
    name: str
    host: str
    language: str
    theme: str
    description: str
    container: str  # XPath of the element that holds the article on this outlet's pages
    disallow: tuple[str, ...]
    feed_path: str
    feed_format: str  # "rss" or "atom"
    news_sitemap_path: str
    section_path: str
    section_name: str
    nav: tuple[tuple[str, str], ...]
    sitemap_index_path: str | None = None  # robots.txt then names only the index
    post_sitemap_path: str | None = None
    feed_link_query: str = ""  # tracking parameters appended to every feed link

    @property
    def base_url(self) -> str:
        """Scheme and host, without a trailing slash."""
        return f"http://{self.host}"

    def url(self, path: str) -> str:
        """Absolute URL of a path on this outlet."""
        return self.base_url + path

    @property
    def logo_url(self) -> str:
        """Absolute URL of the outlet's logo (named by JSON-LD and the header)."""
        return self.url("/static/logo.png")


@dataclass(frozen=True)
class Article:
    """One article page: metadata a real page carries plus its blocks in reading order."""

    key: str  # seed id ("001") or decoy key
    kind: str  # "seed", "decoy", "members" (behind a robots.txt Disallow) or "republished"
    outlet: Outlet
    path: str
    headline: str
    description: str
    published: datetime  # aware, in the outlet's own offset
    modified: datetime
    authors: tuple[str, ...]
    section: str
    tags: tuple[str, ...]
    image_path: str
    listings: frozenset[str]
    blocks: tuple[Block, ...]
    near_topic: bool = False
    canonical: str | None = None  # a canonical link to another site's article (a syndicated copy)

    @property
    def canonical_url(self) -> str:
        """What the page's rel=canonical names: the original's URL for a republication."""
        return self.canonical or self.url

    @property
    def url(self) -> str:
        """Absolute canonical URL."""
        return self.outlet.url(self.path)

    @property
    def image_url(self) -> str:
        """Absolute URL of the lead image."""
        return self.outlet.url(self.image_path)

    def blocks_of(self, kind: str) -> tuple[Block, ...]:
        """The blocks of one kind, in order."""
        return tuple(b for b in self.blocks if b.kind == kind)
