"""The article's lines while the rules decide which ones go, with comparison keys at hand."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipelines.cleaning.normalize import comparable

if TYPE_CHECKING:
    from pipelines.cleaning.cleaner import ArticleContext
    from pipelines.cleaning.rules import Rule


@dataclass(frozen=True)
class ContextKeys:
    """The page's metadata as comparison keys (see ``normalize.comparable``)."""

    titles: frozenset[str]
    description: str
    description_cut: bool  # the description ends in "…": the page's copy may run on
    captions: tuple[str, ...]
    authors: frozenset[str]
    site_name: str

    @classmethod
    def of(cls, context: ArticleContext) -> ContextKeys:
        """Keys for ``context``; a title is also known without its " | Site" or " - Site" tail."""
        site = comparable(context.site_name or "")
        titles = set()
        if context.title:
            title = comparable(context.title)
            titles.add(title)
            if site and title.endswith(" " + site):
                titles.add(title[: -len(site) - 1].strip())
        return cls(
            titles=frozenset(t for t in titles if t),
            description=comparable(context.description or ""),
            description_cut=(context.description or "").rstrip().endswith(("…", "...")),
            captions=tuple(c for c in map(comparable, context.captions) if c),
            authors=frozenset(a for a in map(comparable, context.authors) if a),
            site_name=site,
        )


class Draft:
    """Lines of one article and, for each, the rule that removed it (None while kept)."""

    def __init__(self, lines: list[str], context: ArticleContext) -> None:
        self.lines = lines
        self.keys = ContextKeys.of(context)
        self.comparable = [comparable(line) for line in lines]
        self.words = [len(line.split()) for line in lines]
        self.removed_by: list[Rule | None] = [None] * len(lines)

    def __len__(self) -> int:
        return len(self.lines)

    def is_kept(self, index: int) -> bool:
        """Whether no rule has removed the line yet."""
        return self.removed_by[index] is None

    def kept(self) -> list[int]:
        """Indexes of the lines still kept, in order."""
        return [i for i, rule in enumerate(self.removed_by) if rule is None]

    def kept_after(self, index: int) -> list[int]:
        """Indexes of the kept lines after ``index``, in order."""
        return [i for i in range(index + 1, len(self.lines)) if self.removed_by[i] is None]

    def remove(self, index: int, rule: Rule) -> None:
        """Mark the line as removed by ``rule``."""
        self.removed_by[index] = rule
