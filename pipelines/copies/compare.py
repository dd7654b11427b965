"""Exact comparison of two articles' shingles, and the copy label the scores earn."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pipelines.copies.shingles import SHINGLE_WORDS, Shingles

DUPLICATE = "duplicate"
SYNDICATED = "syndicated"
PARTIAL = "partial"
# Strongest first: a pair is labelled with the first label whose test it passes.
LABELS = (DUPLICATE, SYNDICATED, PARTIAL)


@dataclass(frozen=True)
class CopyThresholds:
    """Where shared text becomes a copy; settings (STORYWATCH_*_CONTAINMENT) tune them."""

    min_words: int = 50  # shorter texts are never compared
    duplicate: float = 0.9  # containment both ways: the same text
    syndicated: float = 0.5  # half the smaller text's shingles come from the other: a rewrite
    partial: float = 0.2  # a fifth of the smaller text: shared paragraphs
    partial_run_words: int = 40  # or one shared passage this long: a paragraph, a long quote


@dataclass(frozen=True)
class PairScore:
    """How much of each article's text is in the other's, measured exactly on shingle sets."""

    containment: float  # share of the first article's distinct shingles found in the second
    other_containment: float  # and of the second's in the first
    shared: int  # distinct shingles in common
    longest_run: int  # longest passage of the first article found in the second, in words

    def label(self, limits: CopyThresholds) -> str | None:
        """duplicate, syndicated, partial, or None when the texts are independent."""
        high, low = (
            max(self.containment, self.other_containment),
            min(self.containment, self.other_containment),
        )
        if low >= limits.duplicate:
            return DUPLICATE
        if high >= limits.syndicated:
            return SYNDICATED
        if high >= limits.partial or self.longest_run >= limits.partial_run_words:
            return PARTIAL
        return None


class Prepared:
    """An article's shingles in text order and as a sorted set, made once for many comparisons."""

    __slots__ = ("distinct", "ordered")

    def __init__(self, ordered: Shingles) -> None:
        self.ordered = ordered
        self.distinct = np.unique(ordered)


def compare(first: Shingles | Prepared, second: Shingles | Prepared) -> PairScore:
    """Score two articles' shingle hashes (each in text order), exactly."""
    a = first if isinstance(first, Prepared) else Prepared(first)
    b = second if isinstance(second, Prepared) else Prepared(second)
    if not len(a.distinct) or not len(b.distinct):
        return PairScore(0.0, 0.0, 0, 0)
    shared = int(_present(a.distinct, b.distinct).sum())
    return PairScore(
        containment=shared / len(a.distinct),
        other_containment=shared / len(b.distinct),
        shared=shared,
        longest_run=max(_longest_run(a.ordered, b.distinct), _longest_run(b.ordered, a.distinct)),
    )


def _present(values: Shingles, distinct: Shingles) -> npt.NDArray[np.bool_]:
    """Which of ``values`` are in the sorted array ``distinct`` (binary search, no sorting)."""
    at = np.minimum(np.searchsorted(distinct, values), len(distinct) - 1)
    found: npt.NDArray[np.bool_] = distinct[at] == values
    return found


def _longest_run(ordered: Shingles, other: Shingles) -> int:
    """Longest stretch of consecutive shingles of ``ordered`` found in ``other``, in words."""
    present = _present(ordered, other)
    if not present.any():
        return 0
    # Run lengths of True: positions where a run starts and ends.
    edges = np.diff(np.concatenate(([0], present.astype(np.int8), [0])))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    return int((ends - starts).max()) + SHINGLE_WORDS - 1
