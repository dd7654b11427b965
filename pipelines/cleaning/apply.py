"""Clean an article item in place: the one code path for the crawl and ``scrapy extract``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipelines.cleaning.cleaner import ArticleContext, CleanResult, clean_text

if TYPE_CHECKING:
    from crawler.items import ArticleItem


def clean_item(item: ArticleItem, extra_patterns: tuple[str, ...] = ()) -> CleanResult:
    """Clean the item's raw text using what its page told us; set the text fields if any is left."""
    context = ArticleContext(
        title=item.title,
        description=item.description,
        captions=tuple(item.captions),
        authors=tuple(item.authors),
        site_name=item.outlet,
        extra_patterns=extra_patterns,
    )
    result = clean_text(item.raw_text or "", context)
    if result.text:
        item.text = result.text
        item.text_hash = result.text_hash
        item.word_count = result.word_count
        item.credits = list(result.credits)
        item.dateline = result.dateline
        item.removed = [rule for rule, _line in result.removed]
    return result
