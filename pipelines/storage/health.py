"""Outlet health: which outlets of a story have yielded nothing, or kept refusing us, lately."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from pipelines.storage.models import CrawlRun

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# How many of the latest runs an outlet must fail in, every one of them, to be flagged.
RUNS_TO_FLAG = 3


@dataclass(frozen=True)
class OutletHealth:
    """One outlet over the story's latest runs: what it yielded, and why it is flagged if it is."""

    outlet: str
    runs: int  # latest runs that asked this outlet anything
    articles: int  # new, updated or unchanged articles over those runs
    entries: int  # listing entries read over those runs
    blocked_runs: int  # runs in which it answered 403 or 429
    flags: tuple[str, ...]  # "silent", "blocked"

    @property
    def healthy(self) -> bool:
        """Whether nothing is flagged."""
        return not self.flags


def outlet_health(engine: Engine, story: str, runs: int = RUNS_TO_FLAG) -> list[OutletHealth]:
    """Health of each outlet seen in the story's latest finished runs, by outlet name."""
    query = (
        select(CrawlRun.outlets)
        .where(CrawlRun.story == story, CrawlRun.finished_at.is_not(None))
        .order_by(CrawlRun.id.desc())
        .limit(runs)
    )
    with engine.connect() as connection:
        recent: list[dict[str, Any]] = [r.outlets or {} for r in connection.execute(query)]
    names = sorted({name for outlets in recent for name in outlets})
    return [_health(name, [o[name] for o in recent if name in o], runs) for name in names]


def _health(outlet: str, counts: list[dict[str, int]], needed: int) -> OutletHealth:
    asked = [c for c in counts if c.get("listings_ok", 0) + c.get("listings_failed", 0) > 0]
    yielded = [
        c.get("entries", 0)
        + c.get("not_modified", 0)
        + sum(c.get(k, 0) for k in ("new", "updated", "unchanged", "flip_flop"))
        for c in asked
    ]
    blocked = sum(1 for c in asked if c.get("blocked", 0))
    flags: list[str] = []
    if len(asked) >= needed and not any(yielded):
        flags.append("silent")
    if len(asked) >= needed and blocked == len(asked):
        flags.append("blocked")
    return OutletHealth(
        outlet=outlet,
        runs=len(asked),
        articles=sum(
            c.get(k, 0) for c in asked for k in ("new", "updated", "unchanged", "flip_flop")
        ),
        entries=sum(c.get("entries", 0) for c in asked),
        blocked_runs=blocked,
        flags=tuple(flags),
    )


def format_health(health: list[OutletHealth]) -> str:
    """A plain-text table: outlet, runs, entries, articles, flags."""
    if not health:
        return "No finished runs recorded for this story yet."
    width = max(len("Outlet"), *(len(h.outlet) for h in health))
    lines = [f"{'Outlet':<{width}}  Runs  Entries  Articles  Health"]
    for h in health:
        state = ", ".join(_FLAG_TEXT[f] for f in h.flags) if h.flags else "ok"
        lines.append(f"{h.outlet:<{width}}  {h.runs:>4}  {h.entries:>7}  {h.articles:>8}  {state}")
    return "\n".join(lines)


_FLAG_TEXT = {
    "silent": "FLAGGED: yielded nothing in the latest runs",
    "blocked": "FLAGGED: answered 403/429 in every latest run",
}


def flagged_outlets(engine: Engine, story: str | None = None) -> list[tuple[str, OutletHealth]]:
    """(story, health) of every flagged outlet, for one story or for every story with runs."""
    if story is None:
        query = select(CrawlRun.story).where(CrawlRun.story.is_not(None)).distinct()
        with engine.connect() as connection:
            stories = sorted(str(s) for s in connection.execute(query).scalars())
    else:
        stories = [story]
    return [(s, h) for s in stories for h in outlet_health(engine, s) if not h.healthy]


def format_flags(flagged: list[tuple[str, OutletHealth]]) -> str:
    """One line per flagged outlet, or nothing when every outlet is healthy."""
    return "\n".join(
        f"Outlet health: {h.outlet} ({story}) "
        + "; ".join(_FLAG_TEXT[f] for f in h.flags).replace("FLAGGED: ", "")
        for story, h in flagged
    )
