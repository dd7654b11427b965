"""Datelines: the all-caps place that opens a wire story ("KYIV, Ukraine (AP) —")."""

from __future__ import annotations

import re

from pipelines.cleaning.patterns import MONTH, SENTENCE_END

# Every upper-case letter of the Basic Multilingual Plane: "SÃO PAULO" and "КИЇВ" are places too.
_UPPER = re.escape("".join(chr(c) for c in range(0x10000) if chr(c).isupper()))
_PLACE_WORD = rf"[{_UPPER}][{_UPPER}'’.\-]*"
_REGION_WORD = r"[^\W\d_](?:[^\W\d_]|['’.\-])*"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    rf"(?P<region>,\s*{_REGION_WORD}(?: {_REGION_WORD}){{0,2}})?"  # ", Ukraine", ", N.Y."
    rf"(?:,\s*(?i:{MONTH})\s*\d{{1,2}})?"  # ", March 4"
    r"(?:\s*\((?P<agency>[^()]{1,40})\))?"  # "(Reuters)"
    r"(?:\s*(?:[—–]|--?)|[.:])(?:\s+|$)"
)
# Labels that open a first paragraph the way a dateline does, but are not places.
_NOT_PLACES = re.compile(
    r"BREAKING|UPDATED?|EXCLUSIVE|WATCH|LISTEN|OPINION|ANALYSIS|EDITORIAL|LIVE|VIDEO|PHOTOS"
    r"|CORRECTION|NOTE|ALERT|FLASH|URGENT|REVIEW|COMMENTARY|EXPLAINER|INTERVIEW|SPONSORED"
    r"|ADVERTISEMENT|CLAIMS?|FACTS?|VERDICT|RATING|CONTEXT|BACKGROUND|SUMMARY|QUESTION|ANSWER"
    r"|WARNING|TRANSCRIPT"
)
_INITIALS = re.compile(r"(?:\w\.)+\w?\.?")
_SENTENCE_END = re.compile(SENTENCE_END)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """The dateline's place (or None) and the paragraph without the dateline."""
    match = _DATELINE.match(paragraph)
    if match is None:
        return None, paragraph
    place = match["place"].rstrip(".")
    rest = paragraph[match.end() :]
    if not _is_place(place) or (rest and not _is_lede(rest)):
        return None, paragraph
    region = (match["region"] or "").strip()
    return place + (region if region else ""), rest


def has_dateline(paragraph: str) -> bool:
    """Whether ``paragraph`` opens with a dateline."""
    return split_dateline(paragraph)[0] is not None


def _is_place(place: str) -> bool:
    letters = sum(c.isalpha() for c in place)
    # "U.S. officials", "E.U. leaders": initials are not datelines.
    return letters >= 3 and not _NOT_PLACES.fullmatch(place) and not _INITIALS.fullmatch(place)


def _is_lede(rest: str) -> bool:
    # A dateline opens the lede, a sentence. A kicker before a headline ("FUTILE EXERCISE:
    # Inquiry GOES NOWHERE") looks the same at the start but does not end like one.
    first = rest.lstrip("\"“‘'([«„").strip()[:1]
    starts = bool(first) and (first.isupper() or first.isdigit())
    return starts and _SENTENCE_END.search(rest.rstrip()) is not None
