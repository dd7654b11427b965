"""Markup every fixture page shares: the <head> metadata (Open Graph, JSON-LD) and small helpers."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from .fragments import fragments
from .model import Article, Block, Outlet


def esc(text: str) -> str:
    """Text or attribute value escaped for HTML."""
    return html.escape(text, quote=True)


def slug(text: str) -> str:
    """A WordPress-style slug for tag, author and category links ("Peñaflor" -> "penaflor")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def author_url(outlet: Outlet, name: str) -> str:
    """Absolute URL of an author's archive page."""
    return outlet.url(f"/author/{slug(name)}/")


def tag_url(outlet: Outlet, tag: str) -> str:
    """Absolute URL of a tag's archive page."""
    return outlet.url(f"/tag/{slug(tag)}/")


def us_date(when: datetime) -> str:
    """'May 16, 2024', as WordPress themes print dates."""
    return f"{when:%B} {when.day}, {when.year}"


def day_month_year(when: datetime) -> str:
    """'16 May 2024'."""
    return f"{when.day} {when:%B %Y}"


def post_id(article: Article) -> int:
    """A stable WordPress-like post id, for the class names and shortlinks themes print."""
    return 48000 + sum(ord(c) for c in article.path) % 9000


def paragraph(block: Block) -> str:
    """A body paragraph; a dateline opens it in bold, as wire-style outlets print it."""
    if block.part("dateline"):
        return f"<p><strong>{esc(block.part('dateline'))}</strong> {esc(block.text)}</p>"
    return f"<p>{esc(block.text)}</p>"


def split_blocks(
    blocks: Sequence[Block],
) -> tuple[tuple[Block, ...], tuple[Block, ...], tuple[Block, ...]]:
    """Blocks before the first paragraph, from it to the last paragraph, and after the last."""
    positions = [i for i, b in enumerate(blocks) if b.kind == "paragraph"]
    first, last = positions[0], positions[-1]
    return tuple(blocks[:first]), tuple(blocks[first : last + 1]), tuple(blocks[last + 1 :])


def article_head(article: Article, *, page_title: str, graph: bool) -> str:
    """The <head> of an article page: title, description, Open Graph, canonical and JSON-LD."""
    outlet = article.outlet
    return fragments("head").fill(
        "article",
        page_title=esc(page_title),
        description=esc(article.description),
        url=esc(article.url),
        canonical=esc(article.canonical_url),
        locale=esc(outlet.language.replace("-", "_")),
        headline=esc(article.headline),
        outlet=esc(outlet.name),
        image=esc(article.image_url),
        published=article.published.isoformat(),
        modified=article.modified.isoformat(),
        section=esc(article.section),
        tags="".join(fragments("head").fill("article_tag", tag=esc(t)) for t in article.tags),
        authors=esc(", ".join(article.authors)),
        feed_type=_feed_type(outlet),
        feed=esc(outlet.url(outlet.feed_path)),
        home=esc(outlet.base_url + "/"),
        json_ld=json_ld_script(news_article(article), graph=graph, article=article),
    )


def listing_head(outlet: Outlet, *, page_title: str, url: str, description: str) -> str:
    """The <head> of a section page."""
    return fragments("head").fill(
        "listing",
        page_title=esc(page_title),
        description=esc(description),
        url=esc(url),
        outlet=esc(outlet.name),
        image=esc(outlet.logo_url),
        feed_type=_feed_type(outlet),
        feed=esc(outlet.url(outlet.feed_path)),
        home=esc(outlet.base_url + "/"),
    )


def news_article(article: Article) -> dict[str, Any]:
    """The schema.org NewsArticle an outlet's SEO plugin would print for this article."""
    outlet = article.outlet
    return {
        "@type": "NewsArticle",
        "@id": f"{article.url}#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": article.url},
        "headline": article.headline,
        "description": article.description,
        "image": {
            "@type": "ImageObject",
            "url": article.image_url,
            "width": 1200,
            "height": 630,
        },
        "datePublished": article.published.isoformat(),
        "dateModified": article.modified.isoformat(),
        "author": [
            {"@type": "Person", "name": name, "url": author_url(outlet, name)}
            for name in article.authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": outlet.name,
            "description": outlet.description,
            "url": outlet.base_url + "/",
            "logo": {"@type": "ImageObject", "url": outlet.logo_url},
        },
        "articleSection": article.section,
        "keywords": list(article.tags),
        "inLanguage": outlet.language,
    }


def json_ld_script(entity: dict[str, Any], *, graph: bool, article: Article) -> str:
    """A JSON-LD <script>: the entity alone, or inside a Yoast-style @graph with its neighbours."""
    if graph:
        outlet = article.outlet
        document: dict[str, Any] = {
            "@context": "https://schema.org",
            "@graph": [
                entity,
                {
                    "@type": "WebPage",
                    "@id": article.url,
                    "url": article.url,
                    "name": article.headline,
                    "isPartOf": {"@id": f"{outlet.base_url}/#website"},
                    "breadcrumb": {"@id": f"{article.url}#breadcrumb"},
                },
                {
                    "@type": "BreadcrumbList",
                    "@id": f"{article.url}#breadcrumb",
                    "itemListElement": [
                        _crumb(1, "Home", outlet.base_url + "/"),
                        _crumb(2, article.section, outlet.url(outlet.section_path)),
                        _crumb(3, article.headline, article.url),
                    ],
                },
                {
                    "@type": "WebSite",
                    "@id": f"{outlet.base_url}/#website",
                    "url": outlet.base_url + "/",
                    "name": outlet.name,
                },
            ],
        }
    else:
        document = {"@context": "https://schema.org", **entity}
    # "</" inside a script would end it early.
    text = json.dumps(document, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def _crumb(position: int, name: str, url: str) -> dict[str, Any]:
    return {"@type": "ListItem", "position": position, "name": name, "item": url}


def _feed_type(outlet: Outlet) -> str:
    return "application/atom+xml" if outlet.feed_format == "atom" else "application/rss+xml"
