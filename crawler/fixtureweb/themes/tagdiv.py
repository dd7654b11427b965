"""Pages in the manner of a WordPress site on tagDiv's Newspaper theme, with inline 'Read Also'."""

from __future__ import annotations

from collections.abc import Sequence

from ..fragments import fragments
from ..markup import (
    article_head,
    author_url,
    esc,
    paragraph,
    post_id,
    slug,
    tag_url,
    us_date,
)
from ..model import Article, Block, Outlet
from . import base
from .base import fill_page, most_read

_frag = fragments("tagdiv")


def article_page(article: Article, popular: Sequence[Article]) -> str:
    """A full article page."""
    outlet = article.outlet
    author = article.authors[0]
    previous = popular[0] if popular else None
    main = _frag.fill(
        "article",
        post_id=post_id(article),
        section_slug=slug(article.section),
        section_url=esc(outlet.url(outlet.section_path)),
        section=esc(article.section),
        headline=esc(article.headline),
        author_url=esc(author_url(outlet, author)),
        author=esc(author),
        published_iso=article.published.isoformat(),
        published=esc(us_date(article.published)),
        views=100 + post_id(article) % 900,
        url=esc(article.url),
        image=esc(article.image_url),
        home=esc(outlet.base_url + "/"),
        body="".join(_body_block(b) for b in article.blocks if b.kind != "title"),
        tag_items="".join(
            _frag.fill("tag_item", url=esc(tag_url(outlet, t)), tag=esc(t)) for t in article.tags
        ),
        next_prev=_frag.fill("next_prev", url=esc(previous.url), title=esc(previous.headline))
        if previous
        else "",
        most_read=most_read(_frag, popular),
    )
    head = article_head(article, page_title=f"{article.headline} - {outlet.name}", graph=True)
    return fill_page(_frag, outlet, head=head, main=main, popular=popular)


def section_page(outlet: Outlet, articles: Sequence[Article], popular: Sequence[Article]) -> str:
    """A category archive: breadcrumbs, title, and one module per post."""
    return base.section_page(
        _frag,
        outlet,
        articles,
        popular,
        page_title=f"{outlet.section_name} Archives - {outlet.name}",
        description=f"{outlet.section_name} news from {outlet.name}.",
    )


def _body_block(block: Block) -> str:
    if block.kind == "read_also":
        link = block.links[0]
        return _frag.fill(
            "read_also", label=esc(block.part("label")), url=esc(link.url), title=esc(link.title)
        )
    if block.kind == "subheading":
        return _frag.fill("subheading", text=esc(block.text))
    return paragraph(block) + "\n"
