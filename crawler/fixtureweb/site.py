"""The fixture web: every URL of the fixture outlets and its response, editable while served."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from .catalog import load_catalog
from .hostile import build_hostile_site
from .listings import announced_sitemaps
from .model import Article, Outlet
from .render import outlet_resources
from .resource import HTML, Resource, make_resource
from .seeds import seeds_dir


@dataclass(frozen=True)
class OutletListings:
    """Where one fixture outlet lists its articles, as absolute URLs."""

    name: str
    host: str
    robots: str
    feeds: tuple[str, ...]
    sitemaps: tuple[str, ...]  # what robots.txt announces (a sitemap index where there is one)
    news_sitemap: str
    sections: tuple[str, ...]
    container: str  # XPath of the element holding the article on this outlet's pages


class FixtureWeb:
    """Every fixture URL and its response; put() and remove() edit it, also while it is served."""

    def __init__(
        self,
        resources: Mapping[str, Resource],
        articles: tuple[Article, ...],
        outlets: Mapping[str, OutletListings],
        hostile_urls: Mapping[str, str] | None = None,
    ) -> None:
        self._resources = {normalise_url(url): res for url, res in resources.items()}
        self._lock = threading.Lock()
        self.articles = articles
        self.outlets = dict(outlets)
        self.hostile_urls: dict[str, str] = dict(hostile_urls or {})
        self.seed_urls = {a.key: a.url for a in articles if a.kind == "seed"}
        self.decoy_urls = {a.key: a.url for a in articles if a.kind == "decoy"}
        self.republished_urls = {a.key: a.url for a in articles if a.kind == "republished"}
        self.near_topic_urls = {a.key: a.url for a in articles if a.near_topic}
        # Linked from a section page but behind a robots.txt Disallow: a polite crawler never asks.
        self.disallowed_urls = {a.key: a.url for a in articles if a.kind == "members"}

    @property
    def hosts(self) -> frozenset[str]:
        """Every host name the web serves."""
        with self._lock:
            return frozenset(urlsplit(url).hostname or "" for url in self._resources)

    @property
    def urls(self) -> list[str]:
        """Every URL the web serves, sorted."""
        with self._lock:
            return sorted(self._resources)

    def get(self, url: str) -> Resource | None:
        """The response for a URL; a query the site does not know is ignored, as sites do."""
        key = normalise_url(url)
        with self._lock:
            found = self._resources.get(key)
            if found is None and "?" in key:
                found = self._resources.get(key.split("?", 1)[0])
            return found

    def put(
        self,
        url: str,
        body: str | bytes,
        content_type: str = HTML,
        *,
        status: int = 200,
        keep_validators: bool = False,
        headers: tuple[tuple[str, str], ...] = (),
    ) -> Resource:
        """Add or replace a response; its ETag and Last-Modified change unless told to keep them.

        ``keep_validators=True`` imitates servers that send stale validators after an edit.
        """
        key = normalise_url(url)
        with self._lock:
            previous = self._resources.get(key)
            stamp = datetime.now(UTC).replace(microsecond=0)
            if previous is not None and previous.last_modified is not None:
                # Always later than the last version, even for two edits in one second.
                stamp = max(stamp, previous.last_modified + timedelta(seconds=1))
            resource = make_resource(body, content_type, stamp, status=status, headers=headers)
            if keep_validators and previous is not None:
                resource = Resource(
                    status=resource.status,
                    content_type=resource.content_type,
                    body=resource.body,
                    last_modified=previous.last_modified,
                    etag=previous.etag,
                    headers=headers,
                )
            self._resources[key] = resource
            return resource

    def remove(self, url: str) -> None:
        """Make a URL answer 404 from now on."""
        with self._lock:
            self._resources.pop(normalise_url(url), None)

    def article(self, key: str) -> Article:
        """A catalogue article by seed id or decoy key."""
        return next(a for a in self.articles if a.key == key)


def normalise_url(url: str) -> str:
    """The lookup key of a URL: http scheme, lower-case host without port 80, path and query."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port not in (None, 80):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    return f"http://{host}{path}" + (f"?{parts.query}" if parts.query else "")


def build_fixture_web(seeds_directory: Path | None = None, *, hostile: bool = False) -> FixtureWeb:
    """Build the fixture web from the seed documents (and, if asked, the hostile outlet)."""
    directory = (seeds_directory or seeds_dir()).resolve()
    resources, articles, outlets, hostile_urls = _built(directory, hostile)
    return FixtureWeb(dict(resources), articles, dict(outlets), dict(hostile_urls))


@cache
def _built(
    directory: Path, hostile: bool
) -> tuple[
    tuple[tuple[str, Resource], ...],
    tuple[Article, ...],
    tuple[tuple[str, OutletListings], ...],
    tuple[tuple[str, str], ...],
]:
    # Responses are immutable, so one build per process is shared by every FixtureWeb.
    catalog = load_catalog(directory)
    resources: dict[str, Resource] = {}
    for outlet in catalog.outlets.values():
        resources.update(outlet_resources(catalog, outlet))
    outlets = {o.host: listings_of(o) for o in catalog.outlets.values()}
    articles = catalog.articles
    hostile_urls: dict[str, str] = {}
    if hostile:
        site = build_hostile_site()
        resources.update(site.resources)
        hostile_urls = site.urls
        outlets[site.outlet.host] = OutletListings(
            name=site.outlet.name,
            host=site.outlet.host,
            robots=site.urls["robots"],
            feeds=(site.urls["feed"],),
            sitemaps=(site.urls["bomb_sitemap"], site.urls["huge_sitemap"]),
            news_sitemap=site.urls["bomb_sitemap"],
            sections=(site.urls["section"],),
            container=site.outlet.container,
        )
    return (
        tuple(resources.items()),
        articles,
        tuple(outlets.items()),
        tuple(hostile_urls.items()),
    )


def listings_of(outlet: Outlet) -> OutletListings:
    """The listing URLs of a catalogue outlet."""
    return OutletListings(
        name=outlet.name,
        host=outlet.host,
        robots=outlet.url("/robots.txt"),
        feeds=(outlet.url(outlet.feed_path),),
        sitemaps=tuple(announced_sitemaps(outlet)),
        news_sitemap=outlet.url(outlet.news_sitemap_path),
        sections=(outlet.url(outlet.section_path),),
        container=outlet.container,
    )
