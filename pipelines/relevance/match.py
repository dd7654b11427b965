"""Match a parsed query against a text, reporting which terms were found."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.relevance.query import And, Near, Node, Not, Or, Phrase, Term
from pipelines.relevance.tokens import is_unsegmented, words


@dataclass
class QueryMatch:
    """Whether the query matched, and the terms and phrases that were found on the way."""

    matched: bool
    found: list[str] = field(default_factory=list)


class MatchText:
    """A text tokenised once, to evaluate a query against."""

    def __init__(self, text: str) -> None:
        self.tokens = words(text)
        # Where each word occurs, so a term is looked up rather than searched for in every token.
        self._where: dict[str, list[int]] = {}
        for i, token in enumerate(self.tokens):
            self._where.setdefault(token, []).append(i)
        # Unsegmented scripts (Chinese, Japanese, Thai) have no word breaks: match them inside runs.
        self._unsegmented = (
            [i for i, t in enumerate(self.tokens) if is_unsegmented(t)]
            if is_unsegmented(text)
            else []
        )

    def positions(self, node: Term | Phrase) -> list[int]:
        """Token positions where a term or phrase starts."""
        if isinstance(node, Term):
            return self._term_positions(node)
        first, rest = node.terms[0], node.terms[1:]
        if any(is_unsegmented(t.text) for t in node.terms):
            joined = "".join(t.text for t in node.terms)
            return [i for i in self._unsegmented if joined in self.tokens[i]]
        return [
            i
            for i in self.positions(first)
            if i + len(rest) < len(self.tokens)
            and all(self._term_at(t, i + 1 + k) for k, t in enumerate(rest))
        ]

    def _term_positions(self, term: Term) -> list[int]:
        if is_unsegmented(term.text):
            return [i for i in self._unsegmented if term.text in self.tokens[i]]
        if term.prefix:
            return sorted(
                i for word, at in self._where.items() if word.startswith(term.text) for i in at
            )
        return list(self._where.get(term.text, ()))

    def _term_at(self, term: Term, i: int) -> bool:
        token = self.tokens[i]
        if is_unsegmented(term.text):
            return term.text in token
        return token.startswith(term.text) if term.prefix else token == term.text


def match_query(query: Node, text: str | MatchText) -> QueryMatch:
    """Evaluate the query on the text (case-insensitive, any script)."""
    target = text if isinstance(text, MatchText) else MatchText(text)
    found: list[str] = []
    matched = _evaluate(query, target, found)
    return QueryMatch(matched, list(dict.fromkeys(found)))


def _evaluate(node: Node, text: MatchText, found: list[str]) -> bool:
    if isinstance(node, Term | Phrase):
        hit = bool(text.positions(node))
        if hit:
            found.append(_describe(node))
        return hit
    if isinstance(node, And):
        # Every part is evaluated (no short cut) so the evidence lists every term found.
        return all([_evaluate(part, text, found) for part in node.parts])
    if isinstance(node, Or):
        return any([_evaluate(part, text, found) for part in node.parts])
    if isinstance(node, Not):
        return not _evaluate(node.part, text, [])
    return _near(node, text, found)


def _near(node: Near, text: MatchText, found: list[str]) -> bool:
    left, right = text.positions(node.left), text.positions(node.right)
    hit = any(abs(a - b) <= node.distance for a in left for b in right)
    if hit:
        found.append(f"{_describe(node.left)} NEAR/{node.distance} {_describe(node.right)}")
    return hit


def _describe(node: Term | Phrase) -> str:
    if isinstance(node, Term):
        return node.text + ("*" if node.prefix else "")
    return '"' + " ".join(t.text for t in node.terms) + '"'
