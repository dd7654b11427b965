"""Word tokens for any script: Unicode word runs, with unsegmented scripts (CJK) handled apart."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
# Scripts written without spaces between words: a \w+ run there is a phrase, not a word.
_UNSEGMENTED = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f]"
)


def words(text: str) -> list[str]:
    """The text's word runs, case-folded (so Путин, ПУТИН and путин are one word)."""
    return WORD.findall(text.casefold())


def is_unsegmented(token: str) -> bool:
    """Whether a token holds characters of a script that does not separate words by spaces."""
    return _UNSEGMENTED.search(token) is not None


def index_terms(text: str) -> list[str]:
    """Terms for similarity: words, and character bigrams inside unsegmented (CJK) runs."""
    if not is_unsegmented(text):
        return words(text)  # the common case: every token is a word
    terms: list[str] = []
    for token in words(text):
        if is_unsegmented(token) and len(token) > 1:
            terms.extend(token[i : i + 2] for i in range(len(token) - 1))
        else:
            terms.append(token)
    return terms
