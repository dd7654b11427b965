"""An annotated page set on disk: ``html/<name>.html.gz`` plus ``ground_truth.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipelines.saved_page import read_saved_page

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True)
class AnnotatedPage:
    """One saved page with its address and hand-annotated body paragraphs."""

    name: str
    url: str
    html: str
    body: list[str]

    @property
    def publisher(self) -> str:
        """The publisher part of a ``<Publisher>_<n>.html.gz`` name."""
        return self.name.rsplit("_", 1)[0]


def load_pages(root: Path) -> list[AnnotatedPage]:
    """Every annotated page under ``root``, by name, read as ``scrapy extract`` reads pages."""
    truth = json.loads((root / "ground_truth.json").read_text(encoding="utf-8"))
    return [
        AnnotatedPage(
            name=name,
            url=record["url"],
            html=read_saved_page(root / "html" / name),
            body=list(record["body"]),
        )
        for name, record in sorted(truth.items())
    ]
