"""Cluster articles into copies of one original: pairs found, verified, joined and labelled."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipelines.copies.candidates import candidate_pairs
from pipelines.copies.compare import DUPLICATE, PARTIAL, SYNDICATED, Prepared, compare
from pipelines.copies.originals import Candidate, choose_original

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from pipelines.copies.compare import CopyThresholds, PairScore
    from pipelines.copies.shingles import Shingles

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
    shingles: Sequence[Shingles],
    norm_hashes: Sequence[str],
    limits: CopyThresholds,
) -> list[CopyPair]:
    """Every pair of articles that passes a copy test, each candidate verified exactly."""
    seen: set[tuple[int, int]] = set()
    found: list[CopyPair] = []
    prepared: dict[int, Prepared] = {}

    def of(i: int) -> Prepared:
        made = prepared.get(i)
        if made is None:
            made = prepared[i] = Prepared(shingles[i])
        return made

    def check(i: int, j: int) -> None:
        key = (min(i, j), max(i, j))
        if key in seen:
            return
        seen.add(key)
        score = compare(of(key[0]), of(key[1]))
        label = score.label(limits)
        if label is not None:
            found.append(CopyPair(ids[key[0]], ids[key[1]], score, label))

    # Exact copies: the same normalized words.
    by_hash: dict[str, int] = {}
    for i, norm_hash in enumerate(norm_hashes):
        first = by_hash.setdefault(norm_hash, i)
        if first != i:
            check(first, i)
    for i, j in candidate_pairs(shingles).tolist():
        check(i, j)
    return found


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
