"""Choose the article text among candidates: pruned trafilatura, plain trafilatura, JSON-LD."""

from __future__ import annotations

import re

# trafilatura output shorter than this is "too little": the other candidates are tried.
MIN_TEXT_CHARS = 200
# JSON-LD articleBody replaces the extracted text when the text holds less than this share of
# the body's word 4-grams: the extraction then missed most of what the publisher declares.
MIN_BODY_CONTAINMENT = 0.5
_WORD = re.compile(r"\w+")
# A line that ends like a sentence; a page whose text has none is a list of headlines and links.
_SENTENCE_END = re.compile(r"[.!?…:;][\"”’'»)\]]*$")


def too_little(text: str | None) -> bool:
    """Whether an extraction is empty or too short to be an article."""
    return len((text or "").strip()) < MIN_TEXT_CHARS


def not_an_article(text: str | None) -> str | None:
    """Why the extracted text is no article (None when it may be one)."""
    stripped = (text or "").strip()
    if not stripped:
        return "no article text found"
    if too_little(stripped):
        return f"too little text ({len(stripped)} characters)"
    if not any(_SENTENCE_END.search(line.strip()) for line in stripped.splitlines()):
        return "only headlines and links, no sentences"
    return None


def containment(part: str, whole: str) -> float:
    """Share of ``part``'s word 4-grams found in ``whole`` (1.0 when part has none)."""
    return _share_held(_shingles(part), _shingles(whole))


def prefer_declared_body(text: str | None, body: str | None) -> bool:
    """Whether the page's JSON-LD articleBody should replace the extracted text.

    Only a body longer than the extraction counts: a short articleBody is often a teaser. The
    extraction is kept when it already holds most of the body, since it keeps paragraph breaks
    and the body often carries inline furniture ("Read more: ...") as plain text.
    """
    if not body or too_little(body) or len(body) <= len(text or ""):
        return False
    return too_little(text) or containment(body, text or "") < MIN_BODY_CONTAINMENT


def missing_updates(text: str | None, updates: list[str]) -> list[str]:
    """The declared live-blog updates that the extracted text does not already hold.

    An update counts as held when most of its word 4-grams are in the text, so an update the
    page rendered with other line breaks or an inline link is not added twice.
    """
    if not updates:
        return []
    held = _shingles(text or "")  # once for all updates
    return [u for u in updates if _share_held(_shingles(u), held) < MIN_BODY_CONTAINMENT]


def _share_held(wanted: set[tuple[str, ...]], held: set[tuple[str, ...]]) -> float:
    return len(wanted & held) / len(wanted) if wanted else 1.0


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}
