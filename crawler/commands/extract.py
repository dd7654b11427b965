"""``scrapy extract PATH...``: extract and clean saved pages, one JSON object per line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from pipelines.extraction.pool import ExtractionFailed, ExtractionPool
from pipelines.saved_page import UnreadablePage, finish_article, read_saved_page, saved_page_item
from pipelines.storage.export import json_record
from pipelines.storage.rows import UnstorableArticle, article_row

if TYPE_CHECKING:
    import argparse
    from concurrent.futures import Future

    from crawler.items import ArticleItem


class Command(ScrapyCommand):
    """Run the crawl's extraction and cleaning over saved HTML files (plain or .gz)."""

    requires_project = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        """Command-line synopsis."""
        return "[--url URL] PATH [PATH ...]"

    def short_desc(self) -> str:
        """One-line help."""
        return "Extract and clean saved pages; print one JSON object per page"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """--url: the address a page was saved from (dates, canonical and site use it)."""
        super().add_options(parser)
        parser.add_argument(
            "--url",
            action="append",
            default=[],
            help="the page's original URL; give it once per PATH, in the same order",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        """Extract every path in a process pool and print results in the order given."""
        if not args:
            raise UsageError("give at least one saved page")
        if opts.url and len(opts.url) != len(args):
            raise UsageError(f"--url given {len(opts.url)} times for {len(args)} pages")
        urls: list[str | None] = list(opts.url) or [None] * len(args)
        assert self.settings is not None
        pool = ExtractionPool(
            workers=self.settings.getint("STORYWATCH_EXTRACT_WORKERS"),
            timeout=self.settings.getfloat("STORYWATCH_EXTRACT_TIMEOUT"),
        )
        try:
            pending: list[tuple[str, ArticleItem | None, Future[dict[str, Any]] | str]] = []
            for path, url in zip(args, urls, strict=True):
                item, problem = _item_for(Path(path), url)
                if item is None:
                    pending.append((path, None, problem or "unreadable"))
                    continue
                pending.append((path, item, pool.submit(item.html or "", item.final_url)))
            failures = 0
            for path, item, job in pending:
                record = _finish(path, item, job, pool.timeout)
                failures += "error" in record
                print(json.dumps(record, ensure_ascii=False, default=str), flush=True)
        finally:
            pool.close()
        self.exitcode = 1 if failures == len(args) else 0


def _item_for(path: Path, url: str | None) -> tuple[ArticleItem | None, str | None]:
    try:
        html = read_saved_page(path)
    except UnreadablePage as exc:
        return None, str(exc)
    return saved_page_item(html, url or path.resolve().as_uri()), None


def _finish(
    path: str, item: ArticleItem | None, job: Future[dict[str, Any]] | str, timeout: float
) -> dict[str, Any]:
    if item is None or isinstance(job, str):
        return {"path": path, "error": job}
    try:
        result = ExtractionPool.wait(job, timeout)
    except ExtractionFailed as exc:
        return {"path": path, "error": str(exc)}
    if (problem := finish_article(item, result)) is not None:
        return {"path": path, "error": problem}
    try:
        return {"path": path, **json_record(article_row(item))}
    except UnstorableArticle as exc:
        return {"path": path, "error": str(exc)}
