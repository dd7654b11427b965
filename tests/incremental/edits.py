"""Edits to a served fixture web, drawn by the fixture's own themes: what changes between runs."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from crawler.fixtureweb.catalog import Catalog
from crawler.fixtureweb.model import Article, Block
from crawler.fixtureweb.render import outlet_resources
from crawler.fixtureweb.site import FixtureWeb


def redraw(web: FixtureWeb, articles: list[Article], urls: list[str]) -> None:
    """Re-render the outlets of ``articles`` with them and serve the new responses of ``urls``."""
    outlets = {a.outlet.key: a.outlet for a in articles}
    catalog = Catalog(outlets=outlets, articles=tuple(articles))
    resources: dict[str, object] = {}
    for outlet in outlets.values():
        resources.update(outlet_resources(catalog, outlet))
    for url in urls:
        resource = resources[url]
        web.put(url, resource.body, resource.content_type)  # type: ignore[attr-defined]


def edited(article: Article, headline: str, extra_paragraph: str) -> Article:
    """The article with a new headline and one more paragraph at the end of its body."""
    blocks = [Block("title", headline) if b.kind == "title" else b for b in article.blocks]
    last = max(i for i, b in enumerate(blocks) if b.kind == "paragraph")
    blocks.insert(last + 1, Block("paragraph", extra_paragraph))
    return replace(article, headline=headline, blocks=tuple(blocks))


def new_article(template: Article, key: str, path: str, headline: str, when: datetime) -> Article:
    """A new article of the template's outlet, published at ``when``."""
    return replace(template, key=key, path=path, headline=headline, published=when, modified=when)
