"""The coverage report: per article its outlet, time, title, words, relevance and copy role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import or_, select
from sqlalchemy.orm import aliased

from pipelines.storage.export import OFF_TOPIC
from pipelines.storage.models import Article

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy.engine import Engine

_TITLE_WIDTH = 60


@dataclass(frozen=True)
class ReportLine:
    """One article of the coverage."""

    story: str | None
    outlet: str
    published_at: datetime | None
    precision: str | None
    title: str
    words: int
    relevance: str | None
    role: str | None
    original_outlet: str | None

    @property
    def copy_status(self) -> str:
        """What the report says: original, copy of <outlet> (<role>), or - when not compared."""
        if self.role is None:
            return "-"
        if self.role == "original" or self.original_outlet is None:
            return "original"
        return f"copy of {self.original_outlet} ({self.role})"


def coverage(engine: Engine, story: str | None = None) -> list[ReportLine]:
    """The story coverage (off-topic articles left out), oldest first."""
    original = aliased(Article)
    query = (
        select(
            Article.story,
            Article.outlet,
            Article.published_at,
            Article.published_precision,
            Article.title,
            Article.word_count,
            Article.relevance,
            Article.role,
            original.outlet,
        )
        .outerjoin_from(Article, original, original.id == Article.original_id)
        .where(or_(Article.relevance.is_(None), Article.relevance != OFF_TOPIC))
        .order_by(Article.story, Article.published_at, Article.outlet)
    )
    if story is not None:
        query = query.where(Article.story == story)
    with engine.connect() as connection:
        return [ReportLine(*row[:4], row[4] or "", *row[5:]) for row in connection.execute(query)]


def format_report(lines: list[ReportLine]) -> str:
    """A plain-text table, then the totals: articles, outlets, originals and copies."""
    header = ("Outlet", "Published (UTC)", "Title", "Words", "Relevance", "Original or copy")
    rows = [
        (
            line.outlet,
            _published(line.published_at, line.precision),
            line.title if len(line.title) <= _TITLE_WIDTH else line.title[: _TITLE_WIDTH - 1] + "…",
            str(line.words),
            line.relevance or "-",
            line.copy_status,
        )
        for line in lines
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    out = [
        "  ".join(
            cell.rjust(w) if i == 3 else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [header, tuple("-" * w for w in widths), *rows]
    ]
    originals = sum(1 for line in lines if line.role == "original")
    copies = sum(1 for line in lines if line.role not in (None, "original"))
    outlets = len({line.outlet for line in lines})
    out.append(
        f"{len(lines)} articles from {outlets} outlets: {originals} originals, {copies} copies"
    )
    return "\n".join(out)


def _published(when: datetime | None, precision: str | None) -> str:
    if when is None:
        return "unknown"
    return when.strftime("%Y-%m-%d") if precision == "day" else when.strftime("%Y-%m-%d %H:%M")
