"""Story queries: AND, OR, NOT, "quoted phrases", parentheses and NEAR/n, parsed into a tree.

Operators are case-insensitive (quote a word such as "not" to search for it); two terms side by
side mean AND. NEAR/n takes a term or phrase on each side and matches when they are at most n
words apart. A trailing * matches any word starting with the stem (Путин* finds Путина).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.relevance.tokens import words

_OPERATORS = {"and": "AND", "or": "OR", "not": "NOT"}
_NEAR = re.compile(r"near/(\d+)$", re.IGNORECASE)
_BARE = re.compile(r"[^\s()\"]+")


class QuerySyntaxError(ValueError):
    """A query that cannot be parsed; ``position`` is the 1-based character where it fails."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} at character {position}")
        self.position = position


@dataclass(frozen=True)
class Term:
    """One word (case-folded); ``prefix`` when it ended with *."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Words that must appear in this order, side by side."""

    terms: tuple[Term, ...]


@dataclass(frozen=True)
class And:
    """Every part must match."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    """At least one part must match."""

    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """The part must not match."""

    part: Node


@dataclass(frozen=True)
class Near:
    """Two terms or phrases at most ``distance`` words apart."""

    left: Term | Phrase
    right: Term | Phrase
    distance: int


Node = Term | Phrase | And | Or | Not | Near


@dataclass(frozen=True)
class _Token:
    kind: str  # WORD, PHRASE, AND, OR, NOT, NEAR, (, ), END
    text: str
    position: int  # 1-based
    distance: int = 0


def parse_query(source: str) -> Node:
    """Parse a query; raise QuerySyntaxError naming the position of the first error."""
    parser = _Parser(_tokenize(source))
    if parser.peek().kind == "END":
        raise QuerySyntaxError("the query is empty", 1)
    node = parser.expression()
    token = parser.peek()
    if token.kind == ")":
        raise QuerySyntaxError("unmatched ')'", token.position)
    if token.kind != "END":
        raise QuerySyntaxError(f"unexpected {token.text!r}", token.position)
    return node


def _tokenize(source: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char.isspace():
            i += 1
        elif char in "()":
            tokens.append(_Token(char, char, i + 1))
            i += 1
        elif char == '"':
            end = source.find('"', i + 1)
            if end < 0:
                raise QuerySyntaxError("unterminated quoted phrase", i + 1)
            tokens.append(_Token("PHRASE", source[i + 1 : end], i + 1))
            i = end + 1
        else:
            match = _BARE.match(source, i)
            assert match is not None  # any other character starts a bare word
            text = match.group()
            near = _NEAR.match(text)
            if near:
                tokens.append(_Token("NEAR", text, i + 1, int(near.group(1))))
            elif text.lower().startswith("near/") or text.lower() == "near":
                raise QuerySyntaxError("NEAR needs a distance in words, e.g. NEAR/20", i + 1)
            else:
                tokens.append(_Token(_OPERATORS.get(text.lower(), "WORD"), text, i + 1))
            i = match.end()
    tokens.append(_Token("END", "end of query", len(source) + 1))
    return tokens


class _Parser:
    """Recursive descent: OR binds loosest, then AND (explicit or implied), NOT, NEAR."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expression(self) -> Node:
        parts = [self.conjunction()]
        while self.peek().kind == "OR":
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def conjunction(self) -> Node:
        parts = [self.negation()]
        while self.peek().kind in ("AND", "NOT", "WORD", "PHRASE", "("):
            if self.peek().kind == "AND":
                self.take()
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def negation(self) -> Node:
        if self.peek().kind == "NOT":
            self.take()
            return Not(self.negation())
        return self.proximity()

    def proximity(self) -> Node:
        node = self.atom()
        while self.peek().kind == "NEAR":
            near = self.take()
            right = self.atom()
            if not isinstance(node, Term | Phrase) or not isinstance(right, Term | Phrase):
                raise QuerySyntaxError(
                    "NEAR joins two words or quoted phrases, not groups", near.position
                )
            node = Near(node, right, near.distance)
        return node

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "WORD":
            return _term(token)
        if token.kind == "PHRASE":
            terms = tuple(Term(w) for w in words(token.text))
            if not terms:
                raise QuerySyntaxError("empty quoted phrase", token.position)
            return terms[0] if len(terms) == 1 else Phrase(terms)
        if token.kind == "(":
            if self.peek().kind == ")":
                raise QuerySyntaxError("empty parentheses", token.position)
            node = self.expression()
            if self.peek().kind != ")":
                raise QuerySyntaxError("'(' is never closed", token.position)
            self.take()
            return node
        if token.kind == "END":
            raise QuerySyntaxError("the query ends where a word was expected", token.position)
        raise QuerySyntaxError(f"expected a word, found {token.text!r}", token.position)


def _term(token: _Token) -> Term | Phrase:
    prefix = token.text.endswith("*")
    found = words(token.text.rstrip("*"))
    if not found:
        raise QuerySyntaxError(f"{token.text!r} holds no letters or digits", token.position)
    if len(found) == 1:
        return Term(found[0], prefix=prefix)
    # "Xi's" or "U.S." are one word to the user but several \w+ runs: match them side by side.
    return Phrase(tuple(Term(w) for w in found))
