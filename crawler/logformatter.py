"""Log lines for items that name the article, not its whole text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scrapy.logformatter import LogFormatter, LogFormatterResult

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from twisted.python.failure import Failure


def _name(item: Any) -> str:
    return str(
        getattr(item, "final_url", None) or getattr(item, "url", None) or type(item).__name__
    )


class ArticleLogFormatter(LogFormatter):
    """Scrapy's formatter with the item reduced to its URL (articles are kilobytes of text)."""

    def scraped(
        self, item: Any, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        """Log a stored article by URL, at DEBUG."""
        result = super().scraped(item, response, spider)
        args = result["args"]
        if isinstance(args, dict):
            result["args"] = {**args, "item": _name(item)}
        return result

    def dropped(
        self,
        item: Any,
        exception: BaseException,
        response: Response | Failure | None,
        spider: Spider | None = None,
    ) -> LogFormatterResult:
        """Log a dropped article by URL with the reason, at INFO (the reason is also a stat)."""
        return {
            "level": 20,
            "msg": "Dropped %(item)s: %(exception)s",
            "args": {"item": _name(item), "exception": exception},
        }
