"""Score extraction on an annotated page set: storywatch against plain trafilatura, same run.

    python -m bench.extraction [FOLDER] [--only SUBSTRING]

FOLDER defaults to ../shared/extraction-dev next to the repository. Prints one row per page
(shingle F1 of each extractor), then a summary line per extractor and a final JSON line.
Speed is pages per second of this process's CPU time, one page at a time, extractors
interleaved page by page, so other processes on the machine do not skew the ratio.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.extractors import EXTRACTORS
from bench.pages import AnnotatedPage, load_pages
from bench.shingles import PageScore, score_page

DEFAULT_FOLDER = Path(__file__).resolve().parents[1] / ".." / "shared" / "extraction-dev"
OURS, BASELINE = "storywatch", "trafilatura"
# A page is "worse" when its F1 is below the baseline's by more than rounding noise.
WORSE_BY = 1e-6


@dataclass
class Tally:
    """One extractor's scores and time over the set."""

    scores: dict[str, PageScore] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> dict[str, Any]:
        """Mean P/R/F1 over pages, empty outputs, pages per second."""
        n = len(self.scores) or 1
        values = self.scores.values()
        return {
            "precision": round(sum(s.precision for s in values) / n, 4),
            "recall": round(sum(s.recall for s in values) / n, 4),
            "f1": round(sum(s.f1 for s in values) / n, 4),
            "empty": sum(s.empty for s in values),
            "pages_per_second": round(len(self.scores) / self.seconds, 2) if self.seconds else 0,
        }


def run(pages: list[AnnotatedPage]) -> dict[str, Tally]:
    """Extract and score every page with every extractor."""
    tallies = {name: Tally() for name in EXTRACTORS}
    for page in pages:
        for name, extract in EXTRACTORS.items():
            started = time.process_time()
            text = extract(page.html, page.url)
            tallies[name].seconds += time.process_time() - started
            tallies[name].scores[page.name] = score_page(text, page.body)
    return tallies


def worse_pages(tallies: dict[str, Tally], than: str) -> list[str]:
    """Pages where storywatch's F1 is below ``than``'s."""
    ours, other = tallies[OURS].scores, tallies[than].scores
    return [name for name in ours if ours[name].f1 < other[name].f1 - WORSE_BY]


def report(tallies: dict[str, Tally]) -> dict[str, Any]:
    """Print the per-page table and summaries; return the overall figures."""
    names = list(tallies)
    print("page".ljust(28) + "".join(f"{n[:22]:>24}" for n in names) + "  delta")
    for page in tallies[OURS].scores:
        cells = []
        for name in names:
            s = tallies[name].scores[page]
            cells.append(f"{s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f}".rjust(24))
        delta = tallies[OURS].scores[page].f1 - tallies[BASELINE].scores[page].f1
        print(page[:28].ljust(28) + "".join(cells) + f"  {delta:+.3f}")
    overall: dict[str, Any] = {"pages": len(tallies[OURS].scores)}
    for name in names:
        overall[name] = tallies[name].summary()
        print(f"{name}: {overall[name]}")
    for other in names[1:]:
        overall[f"worse_than_{other}"] = len(worse_pages(tallies, other))
    base_speed = overall[BASELINE]["pages_per_second"]
    overall["speed_ratio"] = (
        round(overall[OURS]["pages_per_second"] / base_speed, 3) if base_speed else None
    )
    overall["f1_gain"] = round(overall[OURS]["f1"] - overall[BASELINE]["f1"], 4)
    print(json.dumps(overall))
    return overall


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--only", default="", help="score only pages whose name holds this")
    args = parser.parse_args(argv)
    pages = [p for p in load_pages(args.folder.resolve()) if args.only in p.name]
    if not pages:
        print(f"no annotated pages under {args.folder}", file=sys.stderr)
        return 2
    report(run(pages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
