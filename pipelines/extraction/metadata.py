"""Article metadata a page declares: JSON-LD, Open Graph and meta tags, canonical link, language."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from w3lib.html import remove_tags, replace_entities

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# schema.org types that describe an article (NewsArticle and its relatives).
_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "webpage",
    }
)
# Closing block tags inside a JSON-LD text field end a paragraph when the markup is stripped.
_BLOCK_END = re.compile(r"<(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote)\s*>", re.IGNORECASE)


@dataclass
class PageMetadata:
    """What the page says about itself, each field from the most trustworthy place that has it."""

    title: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_source: str | None = None  # "jsonld" or "meta"
    modified: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    canonical_url: str | None = None
    og_url: str | None = None
    amp_url: str | None = None
    site_name: str | None = None
    publisher: str | None = None
    article_body: str | None = None  # JSON-LD articleBody, a fallback for the text
    # A live blog's updates as its LiveBlogPosting declares them, each "headline\n\nbody":
    # pages often render only the summary where extraction looks first.
    live_updates: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def read_metadata(tree: HtmlElement) -> PageMetadata:
    """Collect the page's own metadata; JSON-LD first, then meta tags."""
    meta = PageMetadata()
    objects = _jsonld_objects(tree)
    article = _jsonld_article(objects)
    if article is not None:
        _apply_jsonld(meta, article)
    meta.live_updates = _live_updates(objects)
    _apply_meta_tags(meta, tree)
    meta.captions = [text for text in (_text(fc) for fc in tree.iter("figcaption")) if text]
    return meta


def _jsonld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every object in the page's JSON-LD blocks (including @graph members), in page order."""
    objects: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue  # broken JSON-LD is common; the meta tags still count
        objects.extend(_walk_jsonld(data))
    return objects


def _types(obj: dict[str, Any]) -> set[str]:
    kinds = obj.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {str(k).lower() for k in kinds if k}


def _jsonld_article(objects: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The first article-typed object; a WebPage wrapper only when no article is declared."""
    found: dict[str, Any] | None = None
    for obj in objects:
        names = _types(obj)
        if names & _ARTICLE_TYPES:
            if names != {"webpage"}:
                return obj
            found = found or obj
    return found


def _live_updates(objects: list[dict[str, Any]]) -> list[str]:
    """The updates of the page's first LiveBlogPosting that has any, headline then body."""
    for obj in objects:
        if "liveblogposting" not in _types(obj):
            continue
        updates = obj.get("liveBlogUpdate")
        updates = updates if isinstance(updates, list) else [updates]
        texts = [text for text in map(_update_text, updates) if text]
        if texts:
            return texts
    return []


def _update_text(update: Any) -> str | None:
    if not isinstance(update, dict):
        return None
    body = _paragraphs(update.get("articleBody"))
    if not body:
        return None
    headline = _str(update.get("headline"))
    return f"{headline}\n\n{body}" if headline else body


def _paragraphs(value: Any) -> str | None:
    """A JSON-LD text field as plain paragraphs: markup stripped, one paragraph per line."""
    if not isinstance(value, str):
        return None
    if "<" in value:
        value = remove_tags(_BLOCK_END.sub("\n", value))
    lines = (" ".join(line.split()) for line in replace_entities(value).splitlines())
    return "\n".join(line for line in lines if line) or None


def _walk_jsonld(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    if depth > 4:
        return []
    if isinstance(data, list):
        return [o for item in data for o in _walk_jsonld(item, depth + 1)]
    if isinstance(data, dict):
        return [data, *_walk_jsonld(data.get("@graph"), depth + 1)]
    return []


def _apply_jsonld(meta: PageMetadata, obj: dict[str, Any]) -> None:
    meta.title = _str(obj.get("headline")) or _str(obj.get("name"))
    meta.description = _str(obj.get("description"))
    meta.authors = _names(obj.get("author"))
    if published := _str(obj.get("datePublished")):
        meta.published, meta.published_source = published, "jsonld"
    meta.modified = _str(obj.get("dateModified"))
    meta.section = _first_str(obj.get("articleSection"))
    meta.tags = _keywords(obj.get("keywords"))
    meta.language = _str(obj.get("inLanguage"))
    meta.publisher = next(iter(_names(obj.get("publisher"))), None)
    meta.article_body = _str(obj.get("articleBody"))


def _apply_meta_tags(meta: PageMetadata, tree: HtmlElement) -> None:
    tags: dict[str, str] = {}
    article_tags: list[str] = []
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = (el.get("content") or "").strip()
        if not key or not value:
            continue
        if key == "article:tag":
            article_tags.append(value)
        tags.setdefault(key, value)

    meta.title = meta.title or tags.get("og:title") or tags.get("twitter:title") or _title(tree)
    meta.description = meta.description or tags.get("og:description") or tags.get("description")
    if not meta.authors and (author := tags.get("author") or tags.get("article:author")):
        meta.authors = [author] if not author.startswith("http") else []
    if not meta.published:
        for key in ("article:published_time", "datepublished", "pubdate", "publish-date", "date"):
            if key in tags:
                meta.published, meta.published_source = tags[key], "meta"
                break
    meta.modified = meta.modified or tags.get("article:modified_time")
    meta.section = meta.section or tags.get("article:section")
    meta.tags = meta.tags or article_tags or _keywords(tags.get("news_keywords"))
    meta.site_name = tags.get("og:site_name")
    meta.og_url = tags.get("og:url")
    html_lang = tree.getroottree().getroot().get("lang")
    meta.language = meta.language or tags.get("og:locale") or html_lang
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if href and "canonical" in rel and not meta.canonical_url:
            meta.canonical_url = href
        if href and "amphtml" in rel and not meta.amp_url:
            meta.amp_url = href


def _title(tree: HtmlElement) -> str | None:
    titles = tree.xpath("//title")
    return _text(titles[0]) if titles else None


def _text(el: HtmlElement) -> str | None:
    text = " ".join(el.text_content().split())
    return text or None


def _str(value: Any) -> str | None:
    # JSON needs no HTML entities, yet CMSs often escape the strings they put in JSON-LD
    # ("GOP&#8217;s"): left in, the title no longer matches the headline line in the text.
    if isinstance(value, str) and value.strip():
        return " ".join(replace_entities(value).split()) or None
    return None


def _first_str(value: Any) -> str | None:
    if isinstance(value, list):
        return next((s for s in (_str(v) for v in value) if s), None)
    return _str(value)


def _names(value: Any) -> list[str]:
    """Names from a schema.org Person/Organization, a list of them, or plain strings."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = _str(item.get("name")) if isinstance(item, dict) else _str(item)
        if name and name not in names:
            names.append(name)
    return names


def _keywords(value: Any) -> list[str]:
    if isinstance(value, list):
        return [s for s in (_str(v) for v in value) if s]
    if isinstance(value, str):
        return [s.strip() for s in value.split(",") if s.strip()]
    return []
