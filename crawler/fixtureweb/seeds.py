"""Seed documents: find them, read them, and cut each into page blocks by the roles of its lines."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import crawler

from .model import Block, FixtureDataError, Link

# Pieces each split role must (and may) yield from its pattern's named groups.
_REQUIRED_GROUPS: Mapping[str, frozenset[str]] = {
    "caption": frozenset({"caption"}),
    "related": frozenset({"heading", "start", "end"}),
    "read_also": frozenset({"label", "title"}),
    "tags": frozenset({"label", "run"}),
    "author_bio": frozenset({"heading", "bio"}),
    "counters": frozenset({"comments", "views"}),
    "dateline": frozenset({"dateline", "text"}),
}
# Widgets that span several seed lines; their consecutive lines become one block.
_MULTI_LINE_ROLES = frozenset({"related", "tags", "author_bio", "counters"})
_SINGLE_LINE_ROLES = frozenset({"title", "standfirst", "share", "excerpt", "credit", "subheading"})
KNOWN_ROLES = frozenset(_REQUIRED_GROUPS) | _SINGLE_LINE_ROLES


def seeds_dir() -> Path:
    """Where the seed documents are: $STORYWATCH_SEEDS_DIR, else <repo>/seeds, else ./seeds."""
    configured = os.environ.get("STORYWATCH_SEEDS_DIR")
    if configured:
        return Path(configured)
    beside_package = Path(crawler.__file__).resolve().parents[1] / "seeds"
    if beside_package.is_dir():
        return beside_package
    return Path("seeds")


def read_seed_lines(directory: Path, seed_id: str) -> list[str]:
    """The lines of seed ``seed_id`` (``<id>_*.txt``), without line endings."""
    matches = sorted(directory.glob(f"{seed_id}_*.txt"))
    if len(matches) != 1:
        raise FixtureDataError(
            f"expected one seed file {seed_id}_*.txt in {directory}, found {len(matches)}"
        )
    return matches[0].read_text(encoding="utf-8").splitlines()


@dataclass(frozen=True)
class SeedLayout:
    """How a seed's lines map onto page blocks, as given in outlets.toml."""

    seed_id: str
    roles: Mapping[str, Sequence[int]]
    patterns: Mapping[str, str]
    related_links: tuple[Link, ...] = ()
    read_also_link: Link | None = None


def seed_blocks(lines: Sequence[str], layout: SeedLayout) -> tuple[Block, ...]:
    """Cut seed lines into blocks in reading order; fail loudly if the seed no longer fits."""
    role_of = _role_by_line(lines, layout)
    runs: list[tuple[str, list[int]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        role = role_of.get(number, "paragraph")
        if runs and role in _MULTI_LINE_ROLES and runs[-1][0] == role:
            runs[-1][1].append(number)
        else:
            runs.append((role, [number]))
    return tuple(_block(role, numbers, lines, layout) for role, numbers in runs)


def _role_by_line(lines: Sequence[str], layout: SeedLayout) -> dict[int, str]:
    role_of: dict[int, str] = {}
    for role, numbers in layout.roles.items():
        if role not in KNOWN_ROLES:
            raise FixtureDataError(f"seed {layout.seed_id}: unknown role {role!r}")
        for number in numbers:
            if not 1 <= number <= len(lines) or not lines[number - 1].strip():
                raise FixtureDataError(
                    f"seed {layout.seed_id}: role {role!r} names line {number}, "
                    "which is missing or empty"
                )
            if number in role_of:
                raise FixtureDataError(f"seed {layout.seed_id}: line {number} has two roles")
            role_of[number] = role
    return role_of


def _block(role: str, numbers: list[int], lines: Sequence[str], layout: SeedLayout) -> Block:
    text = "\n".join(lines[n - 1] for n in numbers)
    where = f"seed {layout.seed_id} line {numbers[0]} ({role})"
    parts = _split(role, text, layout, where)
    first = numbers[0]
    if role == "dateline":
        # A dateline opens the first paragraph; the page shows it in bold inside that <p>.
        return Block("paragraph", parts["text"], _frozen(parts), line=first)
    if role == "related":
        if int(parts["count"]) != len(layout.related_links):
            raise FixtureDataError(
                f"{where}: says {parts['count']} items, data gives a different number"
            )
        return Block(role, text, _frozen(parts), layout.related_links, line=first)
    if role == "read_also":
        link = layout.read_also_link
        if link is None or link.title != parts["title"]:
            raise FixtureDataError(
                f"{where}: read_also_target must be the decoy titled {parts['title']!r}"
            )
        return Block(role, text, _frozen(parts), (link,), line=first)
    return Block(role, text, _frozen(parts), line=first)


def _split(role: str, text: str, layout: SeedLayout, where: str) -> dict[str, str]:
    required = _REQUIRED_GROUPS.get(role)
    if required is None:
        return {}
    pattern = layout.patterns.get(role)
    if pattern is None:
        raise FixtureDataError(f"{where}: role needs a pattern in outlets.toml")
    match = re.fullmatch(pattern, text)
    if match is None:
        raise FixtureDataError(f"{where}: pattern does not match {text!r}")
    parts = {name: value for name, value in match.groupdict().items() if value is not None}
    missing = required - parts.keys()
    if missing:
        raise FixtureDataError(f"{where}: pattern lacks groups {sorted(missing)}")
    return parts


def _frozen(parts: dict[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(parts))
