"""Tests on a line that a pattern cannot express: they compare it with the page or its neighbours.

Rules name these by id (``Rule.check``, ``Rule.item``); each takes the draft and a line index.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pipelines.cleaning.dateline import has_dateline
from pipelines.cleaning.draft import Draft
from pipelines.cleaning.normalize import comparable
from pipelines.cleaning.patterns import PHOTO_CREDIT_LINE, SENTENCE_END

Predicate = Callable[[Draft, int], bool]

_SENTENCE_END = re.compile(SENTENCE_END)
_ELLIPSIS_END = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)$")
_PHOTO_CREDIT_LINE = re.compile(PHOTO_CREDIT_LINE, re.IGNORECASE)
# "Jane Doe is a reporter for ...": a biography names a trade and says how to reach the author.
_BIO = re.compile(
    r"[A-Z][\w'’.\-]+(?: [A-Z][\w'’.\-]+){1,3} (?:is|was) (?:a|an|the) [^.]{0,80}?\b(?:writer"
    r"|reporter|editor|correspondent|journalist|columnist|contributor|producer|author|critic)\b",
)
_CONTACT = re.compile(r"@|\bfollow (?:him|her|them|\w+) on\b|\be-?mail\b|\bsend tips\b", re.I)
_AUTHOR_VERBS = ("is", "was", "has", "writes", "covers", "reports")

LINK_TITLE_MAX_WORDS = 20
EXCERPT_MIN_CHARS = 40
EXCERPT_LOOKAHEAD = 6
CAPTION_MIN_WORDS = 5
TEASER_MAX_WORDS = 40
RAIL_MAX_LINES = 30
RAIL_MIN_TITLES = 2


def link_title(draft: Draft, i: int) -> bool:
    """A short line that does not end like a sentence: a link or headline in a list."""
    return draft.words[i] <= LINK_TITLE_MAX_WORDS and not _SENTENCE_END.search(draft.lines[i])


def repeats_title(draft: Draft, i: int) -> bool:
    """The line is the page's headline again."""
    return draft.comparable[i] in draft.keys.titles


def repeats_site_name(draft: Draft, i: int) -> bool:
    """The line is the outlet's name on its own."""
    return bool(draft.keys.site_name) and draft.comparable[i] == draft.keys.site_name


def is_author_name(draft: Draft, i: int) -> bool:
    """The line is one of the article's author names on its own."""
    return draft.comparable[i] in draft.keys.authors


def repeats_caption(draft: Draft, i: int) -> bool:
    """The line is a <figcaption> of the page, or starts with a long enough one."""
    line = draft.comparable[i]
    for caption in draft.keys.captions:
        if line == caption:
            return True
        # A short caption ("Putin") would swallow every paragraph that starts with the word.
        if len(caption.split()) >= CAPTION_MIN_WORDS and line.startswith(caption + " "):
            return True
    return False


def precedes_photo_credit(draft: Draft, i: int) -> bool:
    """A short caption directly above its own credit line ("Credit: Name/Agency")."""
    nxt = i + 1
    if nxt >= len(draft) or _SENTENCE_END.search(draft.lines[i]):
        return False
    return draft.words[nxt] <= 12 and bool(_PHOTO_CREDIT_LINE.fullmatch(draft.lines[nxt]))


def doubled_text(draft: Draft, i: int) -> bool:
    """The line is one text twice over ("Title Here Title Here"), as a card's alt and link give."""
    words = draft.comparable[i].split()
    half = len(words) // 2
    return half >= 3 and len(words) % 2 == 0 and words[:half] == words[half:]


def excerpt_repeated_below(draft: Draft, i: int) -> bool:
    """A teaser cut with "[…]" or "…" whose text the next paragraphs repeat in full."""
    match = _ELLIPSIS_END.search(draft.lines[i])
    if match is None:
        return False
    teaser = comparable(draft.lines[i][: match.start()])
    if len(teaser) < EXCERPT_MIN_CHARS:
        return False
    following = " ".join(draft.comparable[j] for j in draft.kept_after(i)[:EXCERPT_LOOKAHEAD])
    return following.startswith(teaser)


def standfirst(draft: Draft, i: int) -> bool:
    """The first kept line is the page's description, and it sits in the header, not the body.

    A description is often generated from the lead, so equality alone proves nothing. The line
    is the standfirst when the header block (byline, date) still follows it, when the body after
    it opens with a dateline, or when the same text comes again later; otherwise it is the lead.
    """
    key = draft.keys.description
    line = draft.comparable[i]
    same = line == key or (draft.keys.description_cut and line.startswith(key))
    if not key or not same or any(map(draft.is_kept, range(i))):
        return False
    later = draft.kept_after(i)
    body_start = later[0] if later else len(draft)
    header_follows = any(
        (rule := draft.removed_by[j]) is not None and rule.header for j in range(i + 1, body_start)
    )
    if header_follows or any(draft.comparable[j] == key for j in later):
        return True
    return bool(later) and has_dateline(draft.lines[later[0]])


def author_bio(draft: Draft, i: int) -> bool:
    """A closing paragraph about the author: their name and trade, or how to reach them."""
    key = draft.comparable[i]
    if any(key.startswith(f"{a} {verb} ") for a in draft.keys.authors for verb in _AUTHOR_VERBS):
        return True
    return bool(_BIO.match(draft.lines[i])) and bool(_CONTACT.search(draft.lines[i]))


def teaser_rail(draft: Draft, header: int, stop: int) -> bool:
    """Whether the lines from ``stop`` to the end continue a related block as title/teaser pairs.

    ``stop`` is where the block's run of link titles ended (at a sentence). The rest is a rail of
    "title, teaser, title, teaser" when every sentence in it is short and follows a title, and at
    least two more titles come: one title and one short paragraph could be a subheading and text.
    """
    rest = range(stop, len(draft))
    if not rest or len(rest) > RAIL_MAX_LINES:
        return False
    titles = 0
    previous_is_title = stop - 1 > header  # the block took at least one title before stopping
    for j in rest:
        is_title = not draft.is_kept(j) or link_title(draft, j)
        if is_title:
            titles += 1
        elif draft.words[j] > TEASER_MAX_WORDS or not previous_is_title:
            return False
        previous_is_title = is_title
    return titles >= RAIL_MIN_TITLES


PREDICATES: dict[str, Predicate] = {
    "author_bio": author_bio,
    "doubled_text": doubled_text,
    "excerpt_repeated_below": excerpt_repeated_below,
    "is_author_name": is_author_name,
    "link_title": link_title,
    "precedes_photo_credit": precedes_photo_credit,
    "repeats_caption": repeats_caption,
    "repeats_site_name": repeats_site_name,
    "repeats_title": repeats_title,
    "standfirst": standfirst,
}
