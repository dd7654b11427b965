"""TF-IDF cosine similarity of an article to a story's exemplar documents.

A small implementation rather than scikit-learn: the weights must come from the exemplars alone
(no background corpus, no model download), terms must work for any script (CJK as character
bigrams), and the vectors are a few hundred terms. Inverse document frequency is computed over
the exemplars' *paragraphs* with no +1 floor, so words found in nearly every paragraph (function
words in any language) weigh almost nothing, and words the exemplars never use weigh most,
which pulls an unrelated article's similarity towards zero.
"""

from __future__ import annotations

import math
from collections import Counter

from pipelines.relevance.tokens import index_terms


class ExemplarModel:
    """Exemplar documents as TF-IDF vectors, to score other texts against."""

    def __init__(self, exemplars: list[str]) -> None:
        paragraphs = [p for text in exemplars for p in text.splitlines() if p.strip()]
        document_frequency: Counter[str] = Counter()
        for paragraph in paragraphs:
            document_frequency.update(set(index_terms(paragraph)))
        count = len(paragraphs)
        self._idf = {
            term: math.log((1 + count) / (1 + df)) for term, df in document_frequency.items()
        }
        # A term no exemplar uses gets the weight of the rarest possible term.
        self._unseen_idf = math.log(1 + count)
        self._exemplars = [self.vector(text) for text in exemplars]

    def __bool__(self) -> bool:
        return bool(self._exemplars)

    def vector(self, text: str) -> dict[str, float]:
        """A unit-length TF-IDF vector, with sublinear (1 + log) term frequency."""
        counts = Counter(index_terms(text))
        weights = {
            term: (1.0 + math.log(n)) * self._idf.get(term, self._unseen_idf)
            for term, n in counts.items()
        }
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items() if w > 0} if norm else {}

    def similarity(self, text: str) -> float:
        """Cosine similarity to the closest exemplar, from 0 to 1 (0 without exemplars)."""
        vector = self.vector(text)
        best = 0.0
        for exemplar in self._exemplars:
            small, large = sorted((vector, exemplar), key=len)
            best = max(best, sum(w * large.get(t, 0.0) for t, w in small.items()))
        return min(1.0, best)
