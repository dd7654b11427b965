"""Cluster articles into copies of one original: pairs found, verified, joined and labelled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipelines.copies.candidates import candidate_pairs
from pipelines.copies.compare import DUPLICATE, PARTIAL, SYNDICATED, Prepared, compare
from pipelines.copies.originals import Candidate, choose_original

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from pipelines.copies.compare import CopyThresholds, PairScore
    from pipelines.copies.shingles import Fingerprints, Shingles

ORIGINAL = "original"


@dataclass(frozen=True)
class CopyPair:
    """Two articles that share text, with their exact scores and label."""

    first: int
    second: int
    score: PairScore
    label: str


@dataclass(frozen=True)
class Assignment:
    """An article's place among copies: its cluster (named by the original's id) and role."""

    cluster_id: int
    role: str  # original, duplicate, syndicated or partial
    original_id: int | None  # what it copies (None for an original)
    method: str | None  # how the cluster's original was chosen
    confidence: float | None


def find_pairs(
    ids: Sequence[int],
    fingerprints: Sequence[Fingerprints],
    limits: CopyThresholds,
    load: Callable[[Sequence[int]], Mapping[int, Shingles]],
) -> list[CopyPair]:
    """Every pair of articles that passes a copy test, each candidate verified exactly.

    Candidates come from the fingerprints alone; ``load`` then reads the full shingles of the
    articles some candidate involves (by article id), and only of those.
    """
    candidates = _candidates(fingerprints)
    involved = sorted({i for pair in candidates for i in pair})
    loaded = load([ids[i] for i in involved])
    # An article deleted since its fingerprints were read has nothing left to compare.
    prepared = {i: Prepared(loaded[ids[i]]) for i in involved if ids[i] in loaded}
    found: list[CopyPair] = []
    for i, j in sorted(candidates):
        if i not in prepared or j not in prepared:
            continue
        score = compare(prepared[i], prepared[j])
        label = score.label(limits)
        if label is not None:
            found.append(CopyPair(ids[i], ids[j], score, label))
    return found


def _candidates(fingerprints: Sequence[Fingerprints]) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth an exact comparison: same normalized words, or shared samples."""
    pairs: set[tuple[int, int]] = set()
    by_hash: dict[str, int] = {}
    for i, article in enumerate(fingerprints):
        first = by_hash.setdefault(article.norm_hash, i)
        if first != i:
            pairs.add((first, i))
    found = candidate_pairs([article.sample for article in fingerprints])
    pairs.update((i, j) for i, j in found.tolist())
    return pairs


def assign_roles(
    ids: Sequence[int], pairs: Sequence[CopyPair], members: Mapping[int, Candidate]
) -> dict[int, Assignment]:
    """Join duplicates and syndicated copies into clusters, pick originals, label everyone."""
    parent = {i: i for i in ids}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    labels: dict[tuple[int, int], str] = {}
    for pair in pairs:
        labels[(pair.first, pair.second)] = labels[(pair.second, pair.first)] = pair.label
        if pair.label in (DUPLICATE, SYNDICATED):
            parent[root(pair.first)] = root(pair.second)
    clusters: dict[int, list[int]] = {}
    for i in ids:
        clusters.setdefault(root(i), []).append(i)

    result: dict[int, Assignment] = {}
    for group in clusters.values():
        if len(group) == 1:
            result[group[0]] = Assignment(group[0], ORIGINAL, None, None, None)
            continue
        choice = choose_original([members[i] for i in group])
        for i in group:
            if i == choice.original:
                result[i] = Assignment(i, ORIGINAL, None, choice.method, choice.confidence)
                continue
            # A member linked to the original only through another copy is a copy all the same.
            role = labels.get((i, choice.original), SYNDICATED)
            role = SYNDICATED if role == PARTIAL else role
            result[i] = Assignment(
                choice.original, role, choice.original, choice.method, choice.confidence
            )
    _mark_partial_reuse(pairs, members, result)
    return result


def _mark_partial_reuse(
    pairs: Sequence[CopyPair], members: Mapping[int, Candidate], result: dict[int, Assignment]
) -> None:
    # Partial reuse does not join clusters; the side judged the copy of the two gets the role,
    # unless it is already the original of copies of its own.
    own_copies = {a.cluster_id for a in result.values() if a.role != ORIGINAL}
    for pair in pairs:
        if pair.label != PARTIAL:
            continue
        first, second = members[pair.first], members[pair.second]
        if result[first.id].cluster_id == result[second.id].cluster_id:
            continue
        choice = choose_original([first, second])
        copy = second.id if choice.original == first.id else first.id
        current = result[copy]
        if current.role == ORIGINAL and copy not in own_copies:
            result[copy] = Assignment(
                copy, PARTIAL, choice.original, choice.method, choice.confidence
            )
