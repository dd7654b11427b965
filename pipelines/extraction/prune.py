"""Remove page furniture from the parsed tree before trafilatura reads it: general rules as data.

Every rule here describes how pages across the web mark non-article content (ARIA roles,
semantic tags, the words sites use in class and id names, social-media embeds), never one
publisher's markup. An element holding most of the page's paragraph text is never removed, so a
wrapper that happens to carry a word like "related" cannot take the article with it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# Tags that hold navigation, asides, forms and widgets, never article paragraphs.
FURNITURE_TAGS = ("aside", "nav", "form", "button", "dialog", "template", "select", "figure")
# ARIA landmark and widget roles of the same kind.
FURNITURE_ROLES = frozenset(
    {"complementary", "navigation", "banner", "contentinfo", "dialog", "alertdialog", "search"}
)
# Words in class and id names that sites use for boilerplate blocks (whole tokens only, so
# "shared-content" or "socialist" never match).
FURNITURE_TOKENS = frozenset(
    {
        "comment", "comments", "newsletter", "newsletters", "signup", "subscribe",
        "subscription", "related", "recommended", "recommendations", "recirc", "recirculation",
        "share", "sharing", "sharebar", "social", "promo", "promotion", "sponsored", "outbrain",
        "taboola", "cookie", "cookies", "consent", "gdpr", "bio", "byline", "trending",
        "popular", "breadcrumb", "breadcrumbs", "tags", "lightbox", "modal", "popup",
    }
)  # fmt: skip
# Embedded posts from social networks quote other people's words, not the article's.
EMBED_CLASSES = frozenset(
    {"twitter-tweet", "instagram-media", "tiktok-embed", "fb-post", "reddit-embed-bq"}
)
FURNITURE_NAMES = FURNITURE_TOKENS | EMBED_CLASSES
# An element holding more than this share of the page's paragraph text is the article itself.
MAX_SHARE_OF_TEXT = 0.5
# A paragraph that is one link and no more words than this is a teaser for another article.
LINK_TEASER_MAX_WORDS = 30

_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*$")
# Candidates are chosen in C by XPath; the exact test in Python (is_furniture) runs on these only.
# A page's class and id values are few and repeat on hundreds of elements (cards, menu items):
# each distinct value is tested once, and only the elements carrying a furniture value (or a
# role, visibility or style attribute) become Python objects. Class and id words count alike, so
# an element's names hold a furniture word exactly when its class or its id does.
_NAME_VALUES = etree.XPath("//@class | //@id")
# The union puts the named elements back in page order.
_CANDIDATES = etree.XPath(
    "(//*[@role or @hidden or @aria-hidden or @style] | $named)"
    "[not(self::html or self::body or self::article or self::main)]"
)
_TAGS = etree.XPath("|".join(f"//{tag}" for tag in FURNITURE_TAGS))


def tokens(value: str) -> set[str]:
    """Lower-case words of a class or id value: "share-bar show-comments" -> share, bar, ..."""
    lowered = value.lower()
    found = set(_TOKEN_SPLIT.split(lowered))
    found.update(lowered.split())  # whole class names too, for the embed classes
    found.discard("")
    return found


@lru_cache(maxsize=8192)
def names_are_furniture(names: str) -> bool:
    """Whether class/id names hold a furniture word ("share-bar" does, "shared-content" not)."""
    return not FURNITURE_NAMES.isdisjoint(tokens(names))


def is_furniture(element: HtmlElement) -> bool:
    """Whether the element's role, visibility or class/id names mark it as page furniture."""
    attrib = element.attrib
    names = f"{attrib.get('class', '')} {attrib.get('id', '')}"
    # Memoised: a page repeats a few class names on hundreds of elements (cards, menu items),
    # and pages of one site repeat each other's.
    if names != " " and names_are_furniture(names):
        return True
    if attrib.get("role", "").strip().lower() in FURNITURE_ROLES:
        return True
    if "hidden" in attrib or attrib.get("aria-hidden", "").lower() == "true":
        return True
    return "display:none" in attrib.get("style", "").replace(" ", "").lower()


def furniture_candidates(tree: HtmlElement) -> list[HtmlElement]:
    """Elements whose class, id, role or visibility may mark them as furniture, in page order."""
    named = [v.getparent() for v in _NAME_VALUES(tree) if v.strip() and names_are_furniture(v)]
    found: list[HtmlElement] = _CANDIDATES(tree, named=named)
    return found


def is_link_teaser(paragraph: HtmlElement, content: str | None = None) -> bool:
    """A paragraph whose whole text is one short link not ending like a sentence.

    ``content`` is the paragraph's text_content() when the caller has it already.
    """
    if content is None:
        content = paragraph.text_content()
    text = " ".join(content.split())
    links = paragraph.findall(".//a")
    if not text or len(links) != 1 or len(text.split()) > LINK_TEASER_MAX_WORDS:
        return False
    return " ".join(links[0].text_content().split()) == text and not _SENTENCE_END.search(text)


def prune_furniture(tree: HtmlElement) -> int:
    """Remove furniture elements and link-teaser paragraphs in place; return how many went."""
    # Each paragraph's text is read once: the page's total, each candidate's share of it and the
    # link-teaser test all use it (every list is built before anything is removed).
    texts = {p: p.text_content() for p in tree.iter("p")}
    chars = {p: len(text) for p, text in texts.items()}
    total = sum(chars.values())
    doomed: list[HtmlElement] = [el for el in _TAGS(tree) if _may_remove(el, total, chars)]
    doomed += [
        el
        for el in furniture_candidates(tree)
        if is_furniture(el) and _may_remove(el, total, chars)
    ]
    doomed += [p for p, text in texts.items() if is_link_teaser(p, text)]
    removed = 0
    for element in doomed:
        parent = element.getparent()
        if parent is None or not _attached(element, tree):
            continue  # already gone with an ancestor
        element.drop_tree()  # keeps the tail text, which belongs to the parent
        removed += 1
    return removed


def _may_remove(element: HtmlElement, total: int, chars: dict[HtmlElement, int]) -> bool:
    if element.find(".//article") is not None or element.find(".//main") is not None:
        return False
    if total == 0:
        return True
    return sum(chars[p] for p in element.iter("p")) <= MAX_SHARE_OF_TEXT * total


def _attached(element: HtmlElement, root: HtmlElement) -> bool:
    node: HtmlElement | None = element
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False
