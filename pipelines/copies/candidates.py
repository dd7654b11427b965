"""Candidate pairs of copies among many articles, from shared shingle fingerprints.

Every article keeps one shingle in SAMPLE_MODULUS (mod-p sampling); two articles that share at
least MIN_SHARED fingerprints are a candidate, then compared exactly. An article whose text is
contained in another's shares fingerprints in proportion to that containment, whatever the two
lengths, which MinHash LSH (a Jaccard estimate) cannot promise. Everything is numpy arrays:
100,000 articles need a few hundred MB at most.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from pipelines.copies.shingles import Shingles

MIN_SHARED = 2  # one shared fingerprint is often chance; two rarely are
# A fingerprint held by more articles than this is a stock phrase or a wire story printed
# everywhere: its holders are paired with one anchor instead of with each other.
MAX_POSTING = 64


def candidate_pairs(samples: Sequence[Shingles]) -> npt.NDArray[np.int64]:
    """Index pairs (i < j) of articles sharing at least MIN_SHARED fingerprints, shape (n, 2).

    ``samples`` holds each article's fingerprints, as shingles.sample() keeps them.
    """
    lengths = np.fromiter((len(s) for s in samples), dtype=np.int64, count=len(samples))
    if lengths.sum() == 0:
        return np.zeros((0, 2), dtype=np.int64)
    fingerprints = np.concatenate(samples)
    owners = np.repeat(np.arange(len(samples), dtype=np.int64), lengths)
    order = np.lexsort((owners, fingerprints))
    fingerprints, owners = fingerprints[order], owners[order]
    # Postings: runs of one fingerprint.
    bounds = np.flatnonzero(np.diff(fingerprints.astype(np.int64))) + 1
    starts = np.concatenate(([0], bounds))
    ends = np.concatenate((bounds, [len(fingerprints)]))
    sizes = ends - starts
    codes: list[npt.NDArray[np.int64]] = []
    n = np.int64(len(samples))
    for size in np.unique(sizes[sizes > 1]):
        group_starts = starts[sizes == size]
        members = owners[group_starts[:, None] + np.arange(size)]  # (postings, size), sorted
        if size > MAX_POSTING:
            left = np.repeat(members[:, :1], size - 1, axis=1)
            right = members[:, 1:]
        else:
            i, j = np.triu_indices(int(size), k=1)
            left, right = members[:, i], members[:, j]
        codes.append((left * n + right).ravel())
    if not codes:
        return np.zeros((0, 2), dtype=np.int64)
    pairs, counts = np.unique(np.concatenate(codes), return_counts=True)
    kept = pairs[counts >= MIN_SHARED]
    return np.stack((kept // n, kept % n), axis=1)
