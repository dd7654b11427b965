"""The seed documents, the context their pages give, and their hand-written clean texts."""

from __future__ import annotations

from pathlib import Path

from pipelines.cleaning.cleaner import ArticleContext

REPO = Path(__file__).resolve().parents[2]
SEEDS_DIR = REPO / "seeds"
EXPECTED_DIR = Path(__file__).resolve().parent / "expected"
SEED_IDS = ("000", "001", "002", "004")

# What each seed's page says about itself (the headline and standfirst/excerpt); 000 has neither.
SEED_CONTEXTS = {
    "000": ArticleContext(),
    "001": ArticleContext(
        title="‘Old friend’ Putin arrives in China for state visit, summit with Xi Jinping",
        description=(
            "Latest visit comes as Russia presses a new offensive on Ukraine’s northeastern"
            " Kharkiv region."
        ),
    ),
    "002": ArticleContext(
        title="Putin Arrives in China For State Visit as Two Nations Seek Deeper Cooperation",
        description=(
            "Russian President Vladimir Putin arrived in China on Thursday morning for a two-day"
            " state visit, marking a significant development in the strengthening ties between"
            " Moscow and Beijing amidst strained relations with the West, as reported by CNN."
            " Since this is Putin’s first international trip since taking office anew last week,"
            " it has significant symbolic meaning."
        ),
    ),
    "004": ArticleContext(
        title="Putin’s state visit to China highlights strengthening ties during Ukraine conflict"
    ),
}
EXPECTED_CREDITS = {
    "000": [],
    "001": ["With reporting by Erin Hale in Taipei", "Source: Al Jazeera and news agencies"],
    "002": [],
    "004": [],
}
EXPECTED_DATELINES = {"000": None, "001": None, "002": None, "004": "BEIJING"}


def seed_text(seed_id: str) -> str:
    """The raw seed document (extracted text with its boilerplate)."""
    (path,) = SEEDS_DIR.glob(f"{seed_id}_*.txt")
    return path.read_text(encoding="utf-8")


def expected_lines(seed_id: str) -> list[str]:
    """The seed's clean body paragraphs, one per line, as written by hand."""
    return (EXPECTED_DIR / f"{seed_id}.txt").read_text(encoding="utf-8").splitlines()
