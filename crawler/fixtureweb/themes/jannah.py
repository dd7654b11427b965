"""Pages in the manner of a WordPress site on the Jannah theme: counters, dateline, author box."""

from __future__ import annotations

from collections.abc import Sequence

from ..fragments import fragments
from ..markup import (
    article_head,
    author_url,
    esc,
    paragraph,
    post_id,
    split_blocks,
    us_date,
)
from ..model import Article, Block, Outlet
from . import base
from .base import fill_page, most_read

_frag = fragments("jannah")


def article_page(article: Article, popular: Sequence[Article]) -> str:
    """A full article page."""
    outlet = article.outlet
    lead, body, tail = split_blocks(article.blocks)
    author = article.authors[0]
    home = esc(outlet.base_url + "/")
    main = _frag.fill(
        "article",
        home=home,
        section_url=esc(outlet.url(outlet.section_path)),
        section=esc(article.section),
        headline=esc(article.headline),
        lead=_lead(article, lead),
        author_url=esc(author_url(outlet, author)),
        author=esc(author),
        published=esc(us_date(article.published)),
        image=esc(article.image_url),
        body="".join(_body_block(b) for b in body),
        tail="".join(_tail_block(b, article) for b in tail),
        url=esc(article.url),
        related="".join(
            _frag.fill(
                "related_item", url=esc(a.url), title=esc(a.headline), image=esc(a.image_url)
            )
            for a in popular[:3]
        ),
        most_read=most_read(_frag, popular),
    )
    head = article_head(article, page_title=f"{article.headline} - {outlet.name}", graph=True)
    return fill_page(_frag, outlet, head=head, main=main, popular=popular)


def section_page(outlet: Outlet, articles: Sequence[Article], popular: Sequence[Article]) -> str:
    """A category archive: breadcrumb, title, and one post item per article."""
    return base.section_page(
        _frag,
        outlet,
        articles,
        popular,
        page_title=f"{outlet.section_name} Archives - {outlet.name}",
        description=f"{outlet.section_name} news from {outlet.name}.",
    )


def _lead(article: Article, lead: Sequence[Block]) -> str:
    parts = []
    for block in lead:
        if block.kind == "counters":
            parts.append(
                _frag.fill(
                    "counters",
                    comments=esc(block.part("comments")),
                    views=esc(block.part("views")),
                )
            )
        else:
            parts.append(_frag.fill(block.kind, text=esc(block.text)))
    if not any(b.kind == "counters" for b in lead):
        # Every post shows its counters; pages without seed counters get plausible ones.
        parts.append(_frag.fill("counters", comments=0, views=40 + post_id(article) % 400))
    return "".join(parts)


def _body_block(block: Block) -> str:
    if block.kind == "subheading":
        return _frag.fill("subheading", text=esc(block.text))
    return paragraph(block) + "\n"


def _tail_block(block: Block, article: Article) -> str:
    if block.kind == "author_bio":
        return _frag.fill(
            "author_bio",
            heading=esc(block.part("heading")),
            bio=esc(block.part("bio")),
            author_url=esc(author_url(article.outlet, article.authors[0])),
            home=esc(article.outlet.base_url + "/"),
        )
    return _body_block(block)
