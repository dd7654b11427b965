"""One clustering run over a story's stored articles: hash what is new, pair, cluster, store."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from pipelines.copies.clustering import ORIGINAL, Assignment, assign_roles, find_pairs
from pipelines.copies.compare import CopyThresholds
from pipelines.copies.store import (
    candidates,
    sketch_articles,
    stored_shingles,
    stored_sketches,
    write_results,
)
from pipelines.storage.models import Article

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from pipelines.copies.shingles import Fingerprints

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ClusterRun:
    """What one run did: articles seen, texts hashed (new or changed only), pairs, clusters."""

    story: str | None
    articles: int
    hashed: int
    pairs: int
    copies: int
    changed: int
    seconds: float


def thresholds_from(settings: Any) -> CopyThresholds:
    """Copy thresholds from Scrapy settings (STORYWATCH_* names), defaults where unset."""
    d = CopyThresholds()
    return CopyThresholds(
        min_words=settings.getint("STORYWATCH_COPY_MIN_WORDS", d.min_words),
        duplicate=settings.getfloat("STORYWATCH_DUPLICATE_CONTAINMENT", d.duplicate),
        syndicated=settings.getfloat("STORYWATCH_SYNDICATED_CONTAINMENT", d.syndicated),
        partial=settings.getfloat("STORYWATCH_PARTIAL_CONTAINMENT", d.partial),
        partial_run_words=settings.getint("STORYWATCH_PARTIAL_RUN_WORDS", d.partial_run_words),
    )


def stories(engine: Engine) -> list[str | None]:
    """Every story name in the store (None for articles collected without a story)."""
    with engine.connect() as connection:
        return list(connection.execute(select(Article.story).distinct()).scalars())


def cluster_story(engine: Engine, story: str | None, limits: CopyThresholds) -> ClusterRun:
    """Cluster one story's articles, hashing only texts that are new or changed since last run."""
    started = time.monotonic()
    with engine.begin() as connection:
        sketches = list(stored_sketches(connection, story))
        fresh = sketch_articles(connection, [s.article_id for s in sketches if s.stale])
        ids: list[int] = []
        fingerprints: list[Fingerprints] = []
        for stored in sketches:
            found = stored.fingerprints or fresh[stored.article_id]
            if found.word_count >= limits.min_words:  # short texts are never copies of anything
                ids.append(stored.article_id)
                fingerprints.append(found)
        pairs = find_pairs(
            ids, fingerprints, limits, lambda wanted: stored_shingles(connection, wanted)
        )
        involved = {p.first for p in pairs} | {p.second for p in pairs}
        roles = assign_roles(sorted(involved), pairs, candidates(connection, involved))
        assignments: dict[int, Assignment | None] = dict.fromkeys(
            (s.article_id for s in sketches), None
        )
        for article_id in ids:
            assignments[article_id] = roles.get(article_id) or _alone(article_id)
        changed = write_results(
            connection, story, {s.article_id: s.current for s in sketches}, assignments, pairs
        )
    run = ClusterRun(
        story=story,
        articles=len(sketches),
        hashed=len(fresh),
        pairs=len(pairs),
        copies=sum(1 for a in assignments.values() if a is not None and a.role != "original"),
        changed=changed,
        seconds=time.monotonic() - started,
    )
    logger.info(
        "Clustered %(articles)d articles of %(story)s: %(hashed)d hashed, %(pairs)d copy pairs, "
        "%(copies)d copies, in %(seconds).1f s",
        {**run.__dict__, "story": story or "(no story)"},
    )
    return run


def _alone(article_id: int) -> Assignment:
    return Assignment(article_id, ORIGINAL, None, None, None)
