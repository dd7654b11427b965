"""Score the cleaner on an annotated page set: body paragraphs wrongly removed, boilerplate removed.

    python -m pipelines.cleaning.evaluate /work/shared/extraction-dev [--verbose]

The set holds ``html/<name>.html.gz`` and ``ground_truth.json`` (``{name: {"url", "body"}}``, a
paragraph in square brackets being optional). Each page goes through trafilatura, then the cleaner
with the context the page gives (title, description, authors, site name, <figcaption>s).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html
import trafilatura

from pipelines.cleaning.cleaner import ArticleContext, clean_text
from pipelines.cleaning.normalize import comparable, paragraphs

# Below this length a line only counts as body text when it equals a whole paragraph.
_MIN_PARTIAL = 30


@dataclass
class Score:
    """Counts over the whole set."""

    pages: int = 0
    lines: int = 0
    boilerplate_before: int = 0  # extracted lines that are not annotated body
    boilerplate_removed: int = 0  # deleted, credits not counted
    body_removed: list[str] = field(default_factory=list)  # required body lines that went
    optional_removed: int = 0  # lines annotated as optional (subheadings, credits) that went
    credits: int = 0  # lines moved to credits
    datelines: int = 0


def _body(paragraph_keys: list[str], key: str) -> bool:
    for body in paragraph_keys:
        if key == body:
            return True
        if len(key) >= _MIN_PARTIAL and key in body:
            return True
        if len(body) >= _MIN_PARTIAL and body in key:
            return True
    return False


def _context(html: str, url: str) -> ArticleContext:
    meta = trafilatura.extract_metadata(html, default_url=url)
    captions = tuple(
        " ".join(node.text_content().split())
        for node in lxml.html.fromstring(html).iter("figcaption")
    )
    if meta is None:
        return ArticleContext(captions=captions)
    authors = tuple(a.strip() for a in (meta.author or "").split(";") if a.strip())
    return ArticleContext(
        title=meta.title,
        description=meta.description,
        captions=tuple(c for c in captions if c),
        authors=authors,
        site_name=meta.sitename,
    )


def evaluate(root: Path, verbose: bool = False) -> Score:
    """Run extraction and cleaning over every annotated page under ``root``."""
    truth: dict[str, Any] = json.loads((root / "ground_truth.json").read_text(encoding="utf-8"))
    score = Score()
    for name, record in sorted(truth.items()):
        html = gzip.decompress((root / "html" / name).read_bytes()).decode("utf-8", "replace")
        extracted = trafilatura.extract(html, url=record["url"], include_comments=False) or ""
        required = [comparable(p) for p in record["body"] if not p.startswith("[")]
        every = [comparable(p.strip("[]")) for p in record["body"]]
        result = clean_text(extracted, _context(html, record["url"]))
        lines = paragraphs(extracted)
        score.pages += 1
        score.lines += len(lines)
        score.boilerplate_before += sum(not _body(every, comparable(line)) for line in lines)
        score.credits += len(result.credits)
        score.datelines += result.dateline is not None
        credits = set(result.credits)
        for rule, line in result.removed:
            key = comparable(line)
            if _body(required, key):
                score.body_removed.append(f"{name}: {rule}: {line}")
            elif _body(every, key):
                score.optional_removed += 1
            elif line not in credits:
                score.boilerplate_removed += 1
            if verbose:
                print(f"{name}\t{rule}\t{line[:100]}")
        if verbose and result.dateline:
            print(f"{name}\tdateline\t{result.dateline}")
    return score


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints the figures, exits 1 if any body line was removed."""
    parser = argparse.ArgumentParser(description="Score the cleaner on an annotated page set.")
    parser.add_argument("root", type=Path, help="folder with html/ and ground_truth.json")
    parser.add_argument("--verbose", action="store_true", help="print every removed line")
    args = parser.parse_args(argv)
    score = evaluate(args.root, args.verbose)
    print(f"pages: {score.pages}, extracted lines: {score.lines}")
    print(f"boilerplate lines in extraction: {score.boilerplate_before}")
    print(f"boilerplate lines removed: {score.boilerplate_removed}")
    print(f"credit lines moved: {score.credits}, datelines moved: {score.datelines}")
    print(f"optional lines removed or moved: {score.optional_removed}")
    print(f"body lines wrongly removed: {len(score.body_removed)}")
    for line in score.body_removed:
        print(f"  {line[:160]}")
    return 1 if score.body_removed else 0


if __name__ == "__main__":
    sys.exit(main())
