"""Strip what the extractor leaves around an article's text: the engine that applies the rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.cleaning.dateline import split_dateline
from pipelines.cleaning.draft import Draft
from pipelines.cleaning.normalize import paragraphs, text_hash, word_count
from pipelines.cleaning.predicates import PREDICATES, teaser_rail
from pipelines.cleaning.rules import (
    CREDIT_LINES,
    GENERAL_RULES,
    LEADING_LINES,
    TRAILING_LINES,
    Kind,
    Rule,
    Zone,
    outlet_rules,
)

__all__ = ["ArticleContext", "CleanResult", "clean_text"]

# A related-links block longer than this is more likely a misread header than a list.
MAX_BLOCK_LINES = 15


@dataclass(frozen=True)
class ArticleContext:
    """What the page said about the article, to recognise copies of it inside the text."""

    title: str | None = None
    description: str | None = None  # the standfirst or meta description
    captions: tuple[str, ...] = ()  # <figcaption> texts
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    extra_patterns: tuple[str, ...] = ()  # the outlet's own line patterns, found with re.search


@dataclass(frozen=True)
class CleanResult:
    """The cleaned article text and what was taken out of it."""

    text: str  # clean paragraphs joined by "\n"
    credits: list[str] = field(default_factory=list)
    dateline: str | None = None
    # (rule name, line) for every line taken out of the text, credit lines included.
    removed: list[tuple[str, str]] = field(default_factory=list)
    word_count: int = 0
    text_hash: str = ""


def clean_text(text: str, context: ArticleContext | None = None) -> CleanResult:
    """Clean extracted article text (paragraphs, one a line); ValueError on a bad outlet pattern."""
    context = context or ArticleContext()
    draft = Draft(paragraphs(text), context)
    # The outlet's own patterns go first: they are the most specific thing we know.
    rules = (*outlet_rules(context.extra_patterns), *GENERAL_RULES)
    for rule in rules:
        if rule.zone is not Zone.TRAILING:
            _apply(rule, draft)
    _apply_tail([rule for rule in rules if rule.zone is Zone.TRAILING], draft)

    body = [draft.lines[i] for i in draft.kept()]
    dateline = None
    if body:
        dateline, body[0] = split_dateline(body[0])
        if not body[0]:
            del body[0]  # the dateline stood on its own line
    clean = "\n".join(body)
    gone = [(rule, draft.lines[i]) for i, rule in enumerate(draft.removed_by) if rule is not None]
    return CleanResult(
        text=clean,
        credits=[line for rule, line in gone if rule.kind is Kind.CREDIT],
        dateline=dateline,
        removed=[(rule.name, line) for rule, line in gone],
        word_count=word_count(clean),
        text_hash=text_hash(clean),
    )


def _matches(rule: Rule, draft: Draft, i: int) -> bool:
    if rule.max_words is not None and draft.words[i] > rule.max_words:
        return False
    if rule.pattern is not None:
        line = draft.lines[i]
        found = rule.pattern.fullmatch(line) if rule.anchored else rule.pattern.search(line)
        if found is None:
            return False
    return rule.check is None or PREDICATES[rule.check](draft, i)


def _apply(rule: Rule, draft: Draft) -> None:
    i = 0
    while i < len(draft):
        if rule.zone is Zone.LEADING and i >= LEADING_LINES:
            return
        if draft.is_kept(i) and _matches(rule, draft, i):
            if rule.kind is Kind.BLOCK:
                i = _take_block(rule, draft, i)
            else:
                draft.remove(i, rule)
        i += 1


def _take_block(rule: Rule, draft: Draft, start: int) -> int:
    """Remove a block's header and items; return the index of its last line."""
    draft.remove(start, rule)
    if rule.end is not None and rule.end.fullmatch(draft.lines[start]):
        return start  # opened and closed on one line: "list of 4 itemsend of list"
    stop = min(len(draft), start + 1 + MAX_BLOCK_LINES)
    if rule.item is None:  # everything up to the closing line, or nothing if it never comes
        closing = next((j for j in range(start + 1, stop) if _closes(rule, draft, j)), start)
        for j in range(start + 1, closing + 1):
            draft.remove(j, draft.removed_by[j] or rule)
        return closing
    j = start + 1
    while j < stop:
        if not draft.is_kept(j):  # furniture removed by an earlier rule does not end a list
            j += 1
            continue
        if _closes(rule, draft, j):
            draft.remove(j, rule)
            return j
        if not PREDICATES[rule.item](draft, j):
            break
        draft.remove(j, rule)
        j += 1
    if rule.extend_to_end and teaser_rail(draft, start, j):
        for k in draft.kept_after(j - 1):
            draft.remove(k, rule)
        return len(draft) - 1
    return j - 1


def _closes(rule: Rule, draft: Draft, i: int) -> bool:
    return rule.end is not None and rule.end.fullmatch(draft.lines[i]) is not None


def _apply_tail(rules: list[Rule], draft: Draft) -> None:
    """Read the end of the article backwards until no trailing rule fires any more."""
    while kept := draft.kept():
        if not any(_fire_at_tail(rule, draft, kept) for rule in rules):
            return


def _fire_at_tail(rule: Rule, draft: Draft, kept: list[int]) -> bool:
    # Credits only from the last few lines: a "Source: ..." inside the text never moves.
    window = kept[-CREDIT_LINES:] if rule.kind is Kind.CREDIT else kept[-TRAILING_LINES:]
    for i in window:
        if _matches(rule, draft, i):
            targets = [k for k in kept if k >= i] if rule.kind is Kind.TAIL_BLOCK else [i]
            for k in targets:
                draft.remove(k, rule)
            return True
    return False
