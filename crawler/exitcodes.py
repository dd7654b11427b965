"""Exit statuses of a crawl, for cron: what each means, and how a finished crawl's is decided."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

EXIT_OK = 0  # the crawl finished
EXIT_FAILED = 1  # it did not finish cleanly: database unreachable, every source failing
EXIT_BAD_INPUT = 2  # the story file or arguments are wrong: nothing was crawled
EXIT_LOCKED = 3  # another run of the same story on the same database is still going


def exit_code_for(stats: Mapping[str, Any]) -> int:
    """The exit status a crawl's final stats call for."""
    if stats.get("finish_reason") != "finished":
        return EXIT_FAILED
    if stats.get("storywatch/storage/unavailable"):
        return EXIT_FAILED
    answered = sum(
        int(v or 0)
        for k, v in stats.items()
        if k.startswith("storywatch/outlet/") and k.endswith("/listings_ok")
    )
    failed = sum(
        int(v or 0) for k, v in stats.items() if k.startswith("storywatch/listing_failed/")
    )
    if failed and not answered and not stats.get("storywatch/fetched"):
        return EXIT_FAILED  # every source failed
    return EXIT_OK
