"""Names of the crawl stats that storage writes and the crawl-run record reads."""

from __future__ import annotations

# Articles written to the database (distinct canonical URLs per batch).
STORED = "storywatch/stored"
# Set to 1 when the database could not be reached or migrated as the crawl opened.
STORAGE_UNAVAILABLE = "storywatch/storage/unavailable"
# storywatch/dropped/<reason>: articles given up on, by reason (store_failed, no_text, ...).
DROPPED_PREFIX = "storywatch/dropped/"
STORE_FAILED = f"{DROPPED_PREFIX}store_failed"
# storywatch/articles/<outcome>: new, updated, unchanged, flip_flop or deleted, as stored.
ARTICLES_PREFIX = "storywatch/articles/"
# storywatch/outlet/<outlet>/<count>: the same and the listing counts, for one outlet.
OUTLET_PREFIX = "storywatch/outlet/"


def article_outcome(outcome: str) -> str:
    """The stat counting articles with one storage outcome."""
    return f"{ARTICLES_PREFIX}{outcome}"


def outlet_count(outlet: str, name: str) -> str:
    """The stat counting one thing for one outlet."""
    return f"{OUTLET_PREFIX}{outlet}/{name}"
