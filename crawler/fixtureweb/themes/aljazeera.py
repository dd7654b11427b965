"""Pages in the manner of Al Jazeera's site: standfirst, captioned photo, a 'Keep reading' list."""

from __future__ import annotations

from collections.abc import Sequence

from ..fragments import fragments
from ..markup import (
    article_head,
    day_month_year,
    esc,
    paragraph,
    slug,
    split_blocks,
    tag_url,
)
from ..model import Article, Block, Outlet
from . import base
from .base import fill_page

_frag = fragments("aljazeera")


def article_page(article: Article, popular: Sequence[Article]) -> str:
    """A full article page."""
    outlet = article.outlet
    lead, body, tail = split_blocks(article.blocks)
    caption = next((b for b in lead if b.kind == "caption"), None)
    # The "Source:" line sits below the body text; reporting credits close the body itself.
    sources = [b for b in tail if b.kind == "credit" and b.text.startswith("Source:")]
    closing = [b for b in tail if b not in sources]
    figcaption = ""
    if caption is not None:
        figcaption = _frag.fill(
            "figcaption", caption=esc(caption.part("caption")), credit=esc(caption.part("credit"))
        )
    # Screen readers hear "Published On <date>", sighted readers see the bare date: both are text.
    day = day_month_year(article.published)
    main = _frag.fill(
        "article",
        section_url=esc(outlet.url(outlet.section_path)),
        section=esc(outlet.section_name),
        topic_url=esc(tag_url(outlet, article.tags[0])),
        topic=esc(article.tags[0]),
        header="".join(_frag.fill(b.kind, text=esc(b.text)) for b in lead if b is not caption),
        image=esc(article.image_url),
        image_alt=esc(caption.part("caption") if caption else ""),
        figcaption=figcaption,
        published_label=esc(caption.part("published") if caption else f"Published On {day}"),
        published_shown=esc(caption.part("date") if caption else day),
        url=esc(article.url),
        body="".join(_body_block(b) for b in (*body, *closing)),
        after_body="".join(_source(b) for b in sources),
    )
    title = f"{article.headline} | {article.tags[0]} News | {outlet.name}"
    head = article_head(article, page_title=title, graph=False)
    return fill_page(_frag, outlet, head=head, main=main, popular=popular)


def section_page(outlet: Outlet, articles: Sequence[Article], popular: Sequence[Article]) -> str:
    """The News index: a column of article cards."""
    return base.section_page(
        _frag,
        outlet,
        articles,
        popular,
        page_title=f"Latest {outlet.section_name} | {outlet.name}",
        description=f"The latest {outlet.section_name.lower()} from {outlet.name}.",
    )


def _body_block(block: Block) -> str:
    if block.kind == "paragraph":
        return paragraph(block) + "\n"
    if block.kind == "subheading":
        return _frag.fill("subheading", anchor=esc(slug(block.text)), text=esc(block.text))
    if block.kind == "related":
        items = "".join(
            _frag.fill("related_item", url=esc(link.url), title=esc(link.title))
            for link in block.links
        )
        return _frag.fill(
            "related",
            heading=esc(block.part("heading")),
            start=esc(block.part("start")),
            end=esc(block.part("end")),
            items=items,
        )
    return _frag.fill("credit", text=esc(block.text))


def _source(block: Block) -> str:
    label, _, name = block.text.partition(" ")
    return _frag.fill("source", label=esc(label), name=esc(name))
