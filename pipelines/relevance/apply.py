"""Judge an article item in place: the one code path for the crawl's workers and its pipeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crawler.items import ArticleItem
    from pipelines.relevance.judge import Decision, RelevanceJudge


def judge_item(judge: RelevanceJudge, item: ArticleItem) -> Decision:
    """Decide a cleaned item's relevance and set its relevance fields from the decision."""
    assert item.text is not None, "only cleaned articles are judged"
    decision = judge.judge(
        title=item.title,
        description=item.description,
        text=item.text,
        published_at=item.published_at,
        language=item.language,
    )
    item.relevance = decision.label
    item.relevance_reason = decision.reason
    item.query_in_lead = decision.query_in_lead
    item.query_in_text = decision.query_in_text
    item.exemplar_similarity = decision.similarity
    item.in_window = decision.in_window
    return decision
