"""Choose the original of a cluster of copies, saying how it was chosen and how sure that is."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

# Publication times that come from the page or its listings, not from when we first saw it.
PRECISE_SOURCES = frozenset({"jsonld", "meta", "sitemap", "feed"})
# An earliest time this much ahead of the next one is a clear lead, not clock noise.
CLEAR_LEAD_SECONDS = 3600


@dataclass(frozen=True)
class Candidate:
    """What original selection needs to know about one member of a cluster."""

    id: int
    outlet: str
    urls: frozenset[str]  # canonical URL and every alias
    cross_domain_canonical: str | None
    credits: tuple[str, ...]
    published_at: datetime | None
    published_precision: str | None
    published_source: str | None
    word_count: int
    first_seen_at: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Choice:
    """The chosen original, the rule that chose it, and a confidence from 0 to 1."""

    original: int
    method: str  # credit, canonical, earliest or completeness
    confidence: float


def choose_original(members: Sequence[Candidate]) -> Choice:
    """Apply the rules in order: explicit credit, cross-domain canonical, earliest, completeness."""
    return (
        _by_credit(members)
        or _by_canonical(members)
        or _by_earliest(members)
        or Choice(_most_complete(members).id, "completeness", 0.4)
    )


def _by_credit(members: Sequence[Candidate]) -> Choice | None:
    # A copy that names another member's outlet in a credit line ("Source: Al Jazeera").
    credited: set[int] = set()
    for copy in members:
        lines = [line.casefold() for line in copy.credits]
        for other in members:
            name = other.outlet.casefold().strip()
            named = len(name) >= 3 and any(name in line for line in lines)
            if other.id != copy.id and other.outlet != copy.outlet and named:
                credited.add(other.id)
    if not credited:
        return None
    chosen = [m for m in members if m.id in credited]
    confidence = 0.95 if len({m.outlet for m in chosen}) == 1 else 0.7
    return Choice(_earliest_or_first(chosen).id, "credit", confidence)


def _by_canonical(members: Sequence[Candidate]) -> Choice | None:
    votes: dict[int, int] = {}
    for copy in members:
        if copy.cross_domain_canonical is None:
            continue
        for other in members:
            if other.id != copy.id and copy.cross_domain_canonical in other.urls:
                votes[other.id] = votes.get(other.id, 0) + 1
    if not votes:
        return None
    best = max(votes.values())
    chosen = [m for m in members if votes.get(m.id) == best]
    confidence = 0.9 if len(votes) == 1 else 0.7
    return Choice(_earliest_or_first(chosen).id, "canonical", confidence)


def _by_earliest(members: Sequence[Candidate]) -> Choice | None:
    precise = sorted(
        (m for m in members if _precise_time(m) is not None),
        key=lambda m: (_precise_time(m), m.id),
    )
    if not precise:
        return None
    first = precise[0]
    if len(precise) == 1:
        # Only one member says when it was published: weak evidence that it came first.
        return Choice(first.id, "earliest", 0.5)
    first_time, second_time = _precise_time(first), _precise_time(precise[1])
    assert first_time is not None and second_time is not None
    lead = (second_time - first_time).total_seconds()
    return Choice(first.id, "earliest", 0.8 if lead >= CLEAR_LEAD_SECONDS else 0.55)


def _precise_time(member: Candidate) -> datetime | None:
    if member.published_precision == "time" and member.published_source in PRECISE_SOURCES:
        return member.published_at
    return None


def _most_complete(members: Sequence[Candidate]) -> Candidate:
    return max(members, key=lambda m: (m.word_count, -m.id))


def _earliest_or_first(members: Sequence[Candidate]) -> Candidate:
    timed = [m for m in members if _precise_time(m) is not None]
    if timed:
        return min(timed, key=lambda m: (_precise_time(m), m.id))
    return min(members, key=lambda m: m.id)
