"""Text normalisation for cleaning: paragraph splitting, comparison keys, the text hash."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from pipelines.cleaning.patterns import DATE_LABEL, DATE_STAMP

# Invisible characters that CMSs sprinkle into text; they break equality between copies.
# Zero-width (non-)joiners stay: Persian, Indic scripts and emoji need them.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
_NOT_WORD = re.compile(r"[\W_]+")
# A date stamp glued to the end of another element, as extraction leaves a caption and the
# article's date: "... [File: Name/AFP]Published On 16 May 2024".
_GLUED_LABEL = re.compile(rf"(?<=[^\w\s]|\d)(?={DATE_LABEL}\b)", re.IGNORECASE)
_DATE_STAMP = re.compile(DATE_STAMP, re.IGNORECASE)


def paragraphs(text: str) -> list[str]:
    """The non-blank lines of ``text``, NFC-normalised, whitespace collapsed, glued stamps split."""
    result: list[str] = []
    for raw in text.splitlines():
        line = " ".join(unicodedata.normalize("NFC", raw.translate(_INVISIBLE)).split())
        if line:
            result.extend(_split_glued_stamp(line))
    return result


def _split_glued_stamp(line: str) -> list[str]:
    for match in _GLUED_LABEL.finditer(line):
        start = match.start()
        if _DATE_STAMP.fullmatch(line, start):
            return [line[:start].rstrip(), line[start:]]
    return [line]


def comparable(text: str) -> str:
    """A key for "is this the same text": case, quotes, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def text_hash(text: str) -> str:
    """sha256 hex of the text with NFC normalisation and all whitespace collapsed to one space."""
    normalized = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Words in ``text``, counted as whitespace-separated tokens."""
    return len(text.split())
