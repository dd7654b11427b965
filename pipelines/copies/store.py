"""Database side of clustering: sketches kept per article, results written back per story."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, insert, select, update

from pipelines.copies.originals import Candidate
from pipelines.copies.shingles import (
    SHINGLE_WORDS,
    Fingerprints,
    TextSketch,
    shingles_from_bytes,
    sketch,
)
from pipelines.storage.models import Article, ArticleAlias, ArticleShingles, Base, CopyPair

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

    from sqlalchemy.engine import Connection
    from sqlalchemy.sql import ColumnElement

    from pipelines.copies.clustering import Assignment
    from pipelines.copies.clustering import CopyPair as FoundPair
    from pipelines.copies.shingles import Shingles

_ROWS_PER_FETCH = 2000
_PARALLEL_FROM = 5000  # texts to hash before worker processes are worth starting
_MAX_HASH_WORKERS = 4
_RESULT_COLUMNS = ("cluster_id", "role", "original_id", "original_method", "original_confidence")


@dataclass
class StoredSketch:
    """An article's stored sketch, reduced to its fingerprints, with its clustering columns."""

    article_id: int
    fingerprints: Fingerprints | None  # None: missing, or computed from another text version
    current: tuple[Any, ...]  # the article's clustering columns as stored

    @property
    def stale(self) -> bool:
        """Whether the sketch is missing or was computed from another version of the text."""
        return self.fingerprints is None


def of_story(story: str | None) -> ColumnElement[bool]:
    """The condition selecting a story's articles (None: articles collected without a story)."""
    return Article.story.is_(None) if story is None else Article.story == story


def stored_sketches(connection: Connection, story: str | None) -> Iterator[StoredSketch]:
    """Every article of the story with its stored sketch, if any, streamed."""
    query = (
        select(
            Article.id,
            Article.text_hash,
            ArticleShingles.text_hash,
            ArticleShingles.norm_hash,
            ArticleShingles.shingle_count,
            ArticleShingles.shingles,
            *(Article.__table__.c[name] for name in _RESULT_COLUMNS),
        )
        .outerjoin(ArticleShingles, ArticleShingles.article_id == Article.id)
        .where(of_story(story))
        .order_by(Article.id)
        # On the statement, not the connection: later statements must not use a server cursor.
        .execution_options(yield_per=_ROWS_PER_FETCH)
    )
    for row in connection.execute(query):
        article_id, text_hash, sketch_hash, norm_hash, count, data, *current = row
        fingerprints = None
        if sketch_hash == text_hash:  # the full shingles are dropped here, row by row
            words = count + SHINGLE_WORDS - 1 if count else 0
            fingerprints = Fingerprints.of(norm_hash, words, shingles_from_bytes(data))
        yield StoredSketch(article_id, fingerprints, tuple(current))


def stored_shingles(connection: Connection, ids: Sequence[int]) -> dict[int, Shingles]:
    """The full stored shingles of these articles, by id."""
    found: dict[int, Shingles] = {}
    for chunk in _chunks(ids):
        query = select(ArticleShingles.article_id, ArticleShingles.shingles).where(
            ArticleShingles.article_id.in_(chunk)
        )
        found.update(
            (article_id, shingles_from_bytes(data))
            for article_id, data in connection.execute(query)
        )
    return found


def sketch_articles(connection: Connection, ids: Sequence[int]) -> dict[int, Fingerprints]:
    """Hash the texts of these articles and store their sketches; return their fingerprints."""
    made: dict[int, Fingerprints] = {}
    with _hasher(len(ids)) as hash_texts:
        for chunk in _chunks(ids):
            rows = list(
                connection.execute(
                    select(Article.id, Article.text, Article.text_hash).where(Article.id.in_(chunk))
                )
            )
            sketches = hash_texts([text for _id, text, _hash in rows])
            _store_sketches(connection, chunk, rows, sketches, made)
    return made


@contextmanager
def _hasher(count: int) -> Iterator[Callable[[list[str]], list[TextSketch]]]:
    # Hashing is CPU-bound Python: past a few thousand texts, worker processes share it out.
    # Spawned, not forked: this runs on a thread of a process that has other threads.
    workers = min(os.cpu_count() or 1, _MAX_HASH_WORKERS)
    if count < _PARALLEL_FROM or workers < 2:
        yield lambda texts: [sketch(t) for t in texts]
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield lambda texts: list(pool.map(sketch, texts, chunksize=100))


def _store_sketches(
    connection: Connection,
    chunk: list[int],
    rows: Sequence[Any],
    sketches: list[TextSketch],
    made: dict[int, Fingerprints],
) -> None:
    values = []
    for (article_id, _text, text_hash), found in zip(rows, sketches, strict=True):
        made[article_id] = Fingerprints.of(found.norm_hash, found.word_count, found.shingles)
        values.append(
            {
                "article_id": article_id,
                "text_hash": text_hash,
                "norm_hash": found.norm_hash,
                "shingle_count": len(found.shingles),
                "shingles": found.to_bytes(),
            }
        )
    connection.execute(delete(ArticleShingles).where(ArticleShingles.article_id.in_(chunk)))
    if values:
        connection.execute(insert(ArticleShingles), values)


def candidates(connection: Connection, ids: Iterable[int]) -> dict[int, Candidate]:
    """Original-selection facts for these articles, aliases included."""
    wanted = list(ids)
    found: dict[int, Candidate] = {}
    for chunk in _chunks(wanted):
        aliases: dict[int, set[str]] = {}
        for article_id, url in connection.execute(
            select(ArticleAlias.article_id, ArticleAlias.alias_url).where(
                ArticleAlias.article_id.in_(chunk)
            )
        ):
            aliases.setdefault(article_id, set()).add(url)
        table = Article.__table__
        for a in connection.execute(select(table).where(table.c.id.in_(chunk))).mappings():
            found[a["id"]] = Candidate(
                id=a["id"],
                outlet=a["outlet"],
                urls=frozenset({a["canonical_url"], *aliases.get(a["id"], set())}),
                cross_domain_canonical=a["cross_domain_canonical"],
                credits=tuple(a["credits"] or ()),
                published_at=a["published_at"],
                published_precision=a["published_precision"],
                published_source=a["published_source"],
                word_count=a["word_count"],
                first_seen_at=a["first_seen_at"],
            )
    return found


def write_results(
    connection: Connection,
    story: str | None,
    current: dict[int, tuple[Any, ...]],
    assignments: dict[int, Assignment | None],
    pairs: Sequence[FoundPair],
) -> int:
    """Store each article's cluster and role (changed rows only) and the story's pairs."""
    changes = []
    for article_id, assignment in assignments.items():
        values = (
            (None,) * len(_RESULT_COLUMNS)
            if assignment is None
            else (
                assignment.cluster_id,
                assignment.role,
                assignment.original_id,
                assignment.method,
                assignment.confidence,
            )
        )
        if values != current.get(article_id):
            changes.append({"key": article_id, **dict(zip(_RESULT_COLUMNS, values, strict=True))})
    if changes:
        table = Base.metadata.tables[Article.__tablename__]
        statement = (
            update(table)
            .where(table.c.id == bindparam("key"))
            .values({name: bindparam(name) for name in _RESULT_COLUMNS})
        )
        connection.execute(statement, changes)
    connection.execute(delete(CopyPair).where(_pairs_of(story)))
    if pairs:
        connection.execute(
            insert(CopyPair),
            [
                {
                    "article_id": p.first,
                    "other_id": p.second,
                    "story": story,
                    "label": p.label,
                    "containment": p.score.containment,
                    "other_containment": p.score.other_containment,
                    "shared_shingles": p.score.shared,
                    "longest_run": p.score.longest_run,
                }
                for p in pairs
            ],
        )
    return len(changes)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    """The ids in lists of _ROWS_PER_FETCH, for IN clauses of bounded size."""
    for start in range(0, len(ids), _ROWS_PER_FETCH):
        yield list(ids[start : start + _ROWS_PER_FETCH])


def _pairs_of(story: str | None) -> ColumnElement[bool]:
    return CopyPair.story.is_(None) if story is None else CopyPair.story == story
