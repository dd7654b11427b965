"""Word 4-gram shingle precision, recall and F1 of an extracted text against annotated paragraphs.

An annotated paragraph in square brackets is optional: keeping it is not noise, dropping it is not
a miss. Texts are read as one stream of words, so a shingle may span two paragraphs; where
optional paragraphs sit between required ones, any of them may be skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

SHINGLE = 4
_WORD = re.compile(r"\w+")

Shingle = tuple[str, ...]


@dataclass(frozen=True)
class Paragraph:
    """One annotated body paragraph, as words."""

    words: tuple[str, ...]
    optional: bool


@dataclass(frozen=True)
class PageScore:
    """Shingle precision, recall and F1 of one page's extraction."""

    precision: float
    recall: float
    f1: float
    empty: bool


def words(text: str) -> list[str]:
    """The text's words, case-folded, punctuation and quote styles ignored."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def annotated(body: list[str]) -> list[Paragraph]:
    """Annotated paragraphs, "[...]" ones marked optional and unbracketed."""
    paragraphs = []
    for raw in body:
        text = raw.strip()
        optional = text.startswith("[") and text.endswith("]")
        if optional:
            text = text[1:-1]
        if found := tuple(words(text)):
            paragraphs.append(Paragraph(found, optional))
    return paragraphs


def shingles(tokens: list[str]) -> Counter[Shingle]:
    """The word 4-grams of a token stream; a stream shorter than that is one shingle."""
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def _allowed(paragraphs: list[Paragraph]) -> set[Shingle]:
    """Every shingle of every reading that keeps any subset of the optional paragraphs."""
    tokens: list[str] = []
    starts: list[int] = []
    for paragraph in paragraphs:
        starts.append(len(tokens))
        tokens.extend(paragraph.words)
    # Where a stream may jump after each paragraph's last word: the next paragraph, or past
    # every run of optional ones that follows.
    jumps: dict[int, list[int]] = {}
    for n, paragraph in enumerate(paragraphs):
        last = starts[n] + len(paragraph.words) - 1
        targets = []
        for m in range(n + 1, len(paragraphs)):
            targets.append(starts[m])
            if not paragraphs[m].optional:
                break
        jumps[last] = targets
    if len(tokens) < SHINGLE:
        return {tuple(tokens)}
    allowed: set[Shingle] = set()

    def walk(position: int, path: tuple[str, ...]) -> None:
        path = (*path, tokens[position])
        if len(path) == SHINGLE:
            allowed.add(path)
            return
        for following in jumps.get(position, [position + 1]):
            walk(following, path)

    for start in range(len(tokens)):
        walk(start, ())
    return allowed


def score_page(extracted: str | None, body: list[str]) -> PageScore:
    """Score one extraction against its annotated body paragraphs."""
    paragraphs = annotated(body)
    every = [w for p in paragraphs for w in p.words]
    required_only = [w for p in paragraphs if not p.optional for w in p.words]
    found = shingles(words(extracted or ""))
    if not found:
        return PageScore(0.0, 0.0, 0.0, empty=True)
    allowed = _allowed(paragraphs)
    ceiling = shingles(every) | shingles(required_only)
    good = sum(min(n, ceiling[s] or 1) for s, n in found.items() if s in allowed)
    precision = good / sum(found.values())
    # Required shingles are those of the full text made of required words only: each is
    # contiguous whichever optional paragraphs an extraction keeps.
    owner = [p.optional for p in paragraphs for _ in p.words]
    required = Counter(
        tuple(every[i : i + SHINGLE])
        for i in range(max(len(every) - SHINGLE + 1, 0))
        if not any(owner[i : i + SHINGLE])
    )
    if not required:
        required = shingles(required_only)
    hit = sum(min(n, found[s]) for s, n in required.items())
    recall = hit / sum(required.values()) if required else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PageScore(precision, recall, f1, empty=False)
