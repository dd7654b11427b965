"""Clustering at scale: synthetic articles with copies, stored, clustered, then 1,000 more.

    python -m bench.cluster --articles 100000

Prints progress, then one JSON line: seconds and peak memory of the full run, and of the
incremental run after --new more articles (which must hash only those).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from pipelines.copies.compare import CopyThresholds
from pipelines.copies.run import cluster_story
from pipelines.storage.database import create_engine
from pipelines.storage.migrate import upgrade
from pipelines.storage.upsert import upsert_articles

STORY = "bench"
VOCABULARY = 30_000
PARAGRAPH_WORDS = 50
PARAGRAPHS = 10  # about 500 words an article
# Share of articles that copy an earlier one, by kind (the rest are originals).
SHARES = {"duplicate": 0.08, "syndicated": 0.12, "partial": 0.05}
T0 = datetime(2024, 5, 16, tzinfo=UTC)


class Corpus:
    """Synthetic news text: Zipf-distributed words, so stock phrases recur as in real news."""

    def __init__(self, seed: int) -> None:
        self.rng = np.random.default_rng(seed)
        ranks = np.arange(1, VOCABULARY + 1, dtype=np.float64)
        weights = 1.0 / ranks**1.05
        self.cumulative = np.cumsum(weights / weights.sum())
        self.words = [f"w{i}" for i in range(VOCABULARY)]
        self.drawn: list[int] = []
        self.next_word = 0
        self.paragraphs: list[list[str]] = []  # every article's paragraphs, by article number

    def paragraph(self) -> str:
        """One new paragraph."""
        if self.next_word + PARAGRAPH_WORDS > len(self.drawn):
            # Drawn a million at a time: one draw per paragraph would dominate the run.
            found = np.searchsorted(self.cumulative, self.rng.random(1_000_000))
            self.drawn, self.next_word = np.minimum(found, VOCABULARY - 1).tolist(), 0
        picks = self.drawn[self.next_word : self.next_word + PARAGRAPH_WORDS]
        self.next_word += PARAGRAPH_WORDS
        return " ".join([self.words[i] for i in picks]) + "."

    def article(self) -> list[str]:
        """A new article's paragraphs: an original, or a copy of an earlier article."""
        roll, earlier = self.rng.random(), len(self.paragraphs)
        source = self.paragraphs[self.rng.integers(earlier)] if earlier else None
        own = [self.paragraph() for _ in range(PARAGRAPHS)]
        if source is None or roll >= sum(SHARES.values()):
            made = own
        elif roll < SHARES["duplicate"]:
            made = list(source)
        elif roll < SHARES["duplicate"] + SHARES["syndicated"]:
            # A shortened rewrite: most of the source's paragraphs and a few of its own.
            kept = int(self.rng.integers(5, PARAGRAPHS))
            made = list(source[:kept]) + own[: int(self.rng.integers(0, 3))]
        else:
            made = [*own[:-1], source[int(self.rng.integers(len(source)))]]
        self.paragraphs.append(made)
        return made


def rows(corpus: Corpus, start: int, count: int) -> list[dict[str, Any]]:
    """Article rows for the store, numbered from ``start``."""
    made = []
    for n in range(start, start + count):
        text = "\n".join(corpus.article())
        when = T0 + timedelta(seconds=n)
        made.append(
            {
                "canonical_url": f"https://outlet{n % 500}.example/{n}",
                "url": f"https://outlet{n % 500}.example/{n}",
                "final_url": f"https://outlet{n % 500}.example/{n}",
                "outlet": f"Outlet {n % 500}",
                "host": f"outlet{n % 500}.example",
                "story": STORY,
                "title": f"Article {n}",
                "authors": [],
                "published_at": when,
                "published_source": "jsonld",
                "published_precision": "time",
                "tags": [],
                "text": text,
                "text_hash": f"{n:064x}",
                "word_count": len(text.split()),
                "credits": [],
                "http_status": 200,
                "discovered_via": "feed",
                "first_seen_at": when,
                "fetched_at": when,
            }
        )
    return made


def store(engine: Any, corpus: Corpus, start: int, count: int) -> None:
    """Generate and store articles in chunks, so generation never holds them all."""
    for chunk in range(start, start + count, 5000):
        upsert_articles(engine, rows(corpus, chunk, min(5000, start + count - chunk)))


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory so far, in MB (Linux reports KB): this process or its children."""
    return resource.getrusage(who).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1_000, help="articles added before rerun")
    parser.add_argument("--database", help="database URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        url = args.database or f"sqlite:///{Path(scratch) / 'bench.db'}"
        upgrade(url)
        engine = create_engine(url)
        corpus = Corpus(args.seed)
        began = time.monotonic()
        store(engine, corpus, 0, args.articles)
        print(
            f"stored {args.articles} articles in {time.monotonic() - began:.1f} s", file=sys.stderr
        )
        before = peak_rss_mb()

        full = cluster_story(engine, STORY, CopyThresholds())
        full_peak = peak_rss_mb()
        print(f"full run: {full}", file=sys.stderr)

        store(engine, corpus, args.articles, args.new)
        again = cluster_story(engine, STORY, CopyThresholds())
        print(f"incremental run: {again}", file=sys.stderr)
        engine.dispose()

    print(
        json.dumps(
            {
                "articles": full.articles,
                "seconds": round(full.seconds, 1),
                "peak_rss_mb": round(full_peak),
                "peak_rss_before_clustering_mb": round(before),
                "peak_rss_hashing_worker_mb": round(peak_rss_mb(resource.RUSAGE_CHILDREN)),
                "copy_pairs": full.pairs,
                "copies": full.copies,
                "incremental_articles": again.articles,
                "incremental_hashed": again.hashed,
                "incremental_seconds": round(again.seconds, 1),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
