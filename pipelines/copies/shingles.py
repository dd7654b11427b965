"""Word shingles of a text as 32-bit hashes, in text order, computed with numpy."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pipelines.relevance.tokens import words

SHINGLE_WORDS = 5  # word 5-grams: long enough to be rare, short enough to survive rewording
# One shingle in SAMPLE_MODULUS is kept as a fingerprint for finding candidates (mod-p sampling,
# which estimates containment directly, unlike MinHash, which estimates Jaccard).
SAMPLE_MODULUS = 8

Shingles = npt.NDArray[np.uint32]
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MAX_CACHED_WORDS = 2_000_000


class _WordIds(dict[str, int]):
    """Stable 64-bit word ids, computed once per word (a dict lookup runs in C, per token)."""

    def __missing__(self, word: str) -> int:
        if len(self) > _MAX_CACHED_WORDS:
            self.clear()  # bounds memory on a long-running crawl with a huge vocabulary
        found = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little")
        self[word] = found
        return found


_word_ids = _WordIds()


@dataclass(frozen=True)
class TextSketch:
    """What copy detection keeps of a text: its normalized-word hash and its shingle hashes."""

    norm_hash: str
    word_count: int
    shingles: Shingles  # one per word 5-gram, in text order

    def to_bytes(self) -> bytes:
        """The shingle hashes as little-endian bytes, for the database."""
        return self.shingles.astype("<u4").tobytes()


@dataclass(frozen=True)
class Fingerprints:
    """What clustering holds of every article for a whole run: about 1/SAMPLE_MODULUS of it.

    Full shingles are read back only for the articles a candidate pair involves, so a run's
    memory follows the copies it verifies, not the size of the story.
    """

    norm_hash: str
    word_count: int
    sample: Shingles  # sample() of the shingles

    @classmethod
    def of(cls, norm_hash: str, word_count: int, shingles: Shingles) -> Fingerprints:
        """The fingerprints of a text's shingles."""
        return cls(norm_hash, word_count, sample(shingles))


def sketch(text: str) -> TextSketch:
    """Normalize a text to its case-folded words and hash its word 5-grams."""
    tokens = words(text)
    norm_hash = hashlib.sha256(" ".join(tokens).encode()).hexdigest()
    return TextSketch(norm_hash, len(tokens), shingle_hashes(tokens))


def shingles_from_bytes(data: bytes) -> Shingles:
    """Shingle hashes read back from the database."""
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def shingle_hashes(tokens: list[str]) -> Shingles:
    """A stable 32-bit hash per word 5-gram (the same in every process and on every machine)."""
    if len(tokens) < SHINGLE_WORDS:
        return np.zeros(0, dtype=np.uint32)
    ids = np.fromiter(map(_word_ids.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    count = len(tokens) - SHINGLE_WORDS + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(SHINGLE_WORDS):
        # Polynomial combination, wrapping mod 2**64: order matters, so "a b" != "b a".
        combined = combined * _MULTIPLIER + ids[offset : offset + count]
    return _mix(combined)


def sample(shingles: Shingles) -> Shingles:
    """The fingerprints: distinct shingle hashes divisible by SAMPLE_MODULUS."""
    return np.unique(shingles[shingles % SAMPLE_MODULUS == 0])


def _mix(values: npt.NDArray[np.uint64]) -> Shingles:
    # MurmurHash3's 64-bit finalizer spreads every input bit, so the low bits used for sampling
    # are uniform; the high 32 bits are kept.
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    values = values ^ (values >> np.uint64(33))
    return (values >> np.uint64(32)).astype(np.uint32)
