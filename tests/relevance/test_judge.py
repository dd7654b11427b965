from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from crawler.story import load_story
from pipelines.relevance.judge import GREY, OFF_TOPIC, RELEVANT, RelevanceJudge, Thresholds

STORY = Path(__file__).resolve().parents[2] / "seeds" / "fixture-putin-china.toml"
IN_WINDOW = datetime(2024, 5, 16, 12, tzinfo=UTC)
ON_TOPIC = (
    "Russian President Vladimir Putin arrived in Beijing for a two-day state visit, where "
    "Chinese President Xi Jinping welcomed him. The two leaders discussed the war in Ukraine, "
    "the Kharkiv offensive and their comprehensive strategic partnership."
)


def judge(**overrides):
    article = {
        "title": "Putin arrives in China",
        "description": None,
        "text": ON_TOPIC,
        "published_at": IN_WINDOW,
        "language": "en",
    } | overrides
    return RelevanceJudge(load_story(STORY), Thresholds()).judge(**article)


def test_story_article_in_the_window_is_relevant_with_its_evidence():
    decision = judge()
    assert decision.label == RELEVANT
    assert decision.query_in_lead and decision.query_in_text and decision.in_window
    assert decision.similarity is not None and decision.similarity >= Thresholds().grey
    assert "query in title/lead" in decision.reason


def test_the_same_article_outside_the_window_is_grey_never_relevant():
    decision = judge(published_at=datetime(2024, 5, 7, tzinfo=UTC))
    assert decision.label == GREY
    assert "outside the window" in decision.reason


def test_article_without_the_query_is_off_topic_but_keeps_its_scores():
    decision = judge(title="Monsoon nears Kerala", text="Rain is expected in Kerala next week.")
    assert decision.label == OFF_TOPIC
    assert decision.query_in_text is False
    assert decision.similarity is not None and decision.similarity < Thresholds().grey


def test_article_in_another_language_than_the_story_is_off_topic():
    assert judge(language="fr-FR").label == OFF_TOPIC
