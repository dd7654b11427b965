"""Pages in the manner of a WordPress site on the JNews theme: share toggle, excerpt, tag links."""

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
    split_blocks,
    tag_url,
    us_date,
)
from ..model import Article, Block, Outlet
from . import base
from .base import fill_page, most_read

_frag = fragments("jnews")


def article_page(article: Article, popular: Sequence[Article]) -> str:
    """A full article page."""
    outlet = article.outlet
    lead, body, tail = split_blocks(article.blocks)
    author = article.authors[0]
    section_url = esc(outlet.url(outlet.section_path))
    previous = popular[0] if popular else None
    main = _frag.fill(
        "article",
        post_id=post_id(article),
        section_slug=slug(article.section),
        lead=_lead(lead, article),
        author_url=esc(author_url(outlet, author)),
        author=esc(author),
        url=esc(article.url),
        published=esc(us_date(article.published)),
        section_url=section_url,
        section=esc(article.section),
        image=esc(article.image_url),
        body="".join(_body_block(b) for b in body),
        tail="".join(_tail_block(b, article) for b in tail),
        prev_next=_frag.fill("prev_next", url=esc(previous.url), title=esc(previous.headline))
        if previous
        else "",
        most_read=most_read(_frag, popular),
    )
    head = article_head(article, page_title=f"{article.headline} - {outlet.name}", graph=True)
    return fill_page(_frag, outlet, head=head, main=main, popular=popular)


def section_page(outlet: Outlet, articles: Sequence[Article], popular: Sequence[Article]) -> str:
    """A category archive: breadcrumbs, title, and one card per post."""
    return base.section_page(
        _frag,
        outlet,
        articles,
        popular,
        page_title=f"{outlet.section_name} Archives - {outlet.name}",
        description=f"Latest {outlet.section_name.lower()} news from {outlet.name}.",
    )


def _lead(lead: Sequence[Block], article: Article) -> str:
    html = "".join(_lead_block(b, article) for b in lead)
    if not any(b.kind == "share" for b in lead):
        # The theme prints its share toggle on every post, not only where a seed shows it.
        html = _frag.fill("share", text="+") + html
    return html


def _lead_block(block: Block, article: Article) -> str:
    if block.kind == "title":
        return _frag.fill(
            "title",
            home=esc(article.outlet.base_url + "/"),
            section_url=esc(article.outlet.url(article.outlet.section_path)),
            section=esc(article.section),
            text=esc(block.text),
        )
    return _frag.fill(block.kind, text=esc(block.text))  # share, excerpt


def _body_block(block: Block) -> str:
    if block.kind == "subheading":
        return _frag.fill("subheading", text=esc(block.text))
    return paragraph(block) + "\n"


def _tail_block(block: Block, article: Article) -> str:
    if block.kind == "tags":
        # The links run together with no separator, as the theme prints them.
        links = "".join(
            _frag.fill("tag_link", url=esc(tag_url(article.outlet, t)), tag=esc(t))
            for t in article.tags
        )
        return _frag.fill("tags", label=esc(block.part("label")), links=links)
    return _body_block(block)
